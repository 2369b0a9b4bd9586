/**
 * A fact an entitlement was computed from changed in the registry (a member's hukou type, the
 * pension or other benefits recorded on a member): the entitlements covering those persons are
 * recomputed from next month with the registry's current facts, and the change is recorded in
 * their history (kind `facts_changed`).
 */
import { sql } from 'drizzle-orm';
import { benefitRecorded, benefitsHeldIn, personsView } from '../../registry/read.js';
import type { Deps } from '../../../platform/deps.js';
import { rows } from '../../../platform/db/index.js';
import type { JobHandler } from '../../../platform/jobs/runner.js';
import { addMonths, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { benefitTypes } from '../../../../shared/registry-codes.js';
import { neverOffset } from '../../../../shared/benefit-rules.js';
import { PolicyBook } from '../policy/policy.js';
import { compute, type EntitlementInputs } from '../policy/compute.js';
import { applyInTx } from './recompute.js';

export function refreshHandler(deps: Deps): JobHandler {
  return async (job) => {
    const personIds = (job.payload.personIds as number[]).map(Number);
    return { status: 'succeeded', result: await refreshForPersons(deps, personIds, job.createdBy) };
  };
}

export async function refreshForPersons(deps: Deps, personIds: number[], userId: number | null) {
  const db = deps.database.db;
  const month = addMonths(monthOf(shanghaiToday()), 1);
  const ids = JSON.stringify(personIds);
  const found = await rows<{
    id: number | string;
    monthly_fen: number;
    breakdown: string;
    inputs: EntitlementInputs;
    payee_person_id: number | string;
  }>(
    db,
    sql`select e.id, e.monthly_fen, e.breakdown, e.inputs, e.payee_person_id from assistance_entitlements e
        where e.status = 'active' and e.category in ('dibao', 'tekun') and (e.end_month is null or e.end_month >= ${month}) and not
          (e.inputs ? 'migrated')
          and exists (select 1 from jsonb_array_elements(e.inputs->'members') m where (m->>'personId')::bigint in (select
            jsonb_array_elements_text(${ids}::jsonb)::bigint))`,
  );
  if (!found.length) return { checked: 0, changed: 0 };
  const book = await PolicyBook.load(db);
  const memberIds = [...new Set(found.flatMap((e) => e.inputs.members.map((m) => m.personId)))];
  const facts = new Map(
    (
      await rows<{
        id: number | string;
        hukou_type: 'urban' | 'rural';
        pension_recorded: boolean;
        benefits: { type: string; monthlyFen: number }[] | null;
      }>(
        db,
        sql`select p.id, p.hukou_type, ${benefitsHeldIn(sql`p.id`, month, { recordedOutsideModules: true })} as benefits,
            ${benefitRecorded(sql`p.id`, 'pension')} as pension_recorded
          from ${personsView} p where p.id in (select jsonb_array_elements_text(${JSON.stringify(memberIds)}::jsonb)::bigint)`,
      )
    ).map((p) => [Number(p.id), p]),
  );
  const updates: { id: number; fen: number; old: number; b: string; i: EntitlementInputs }[] = [];
  for (const e of found) {
    const old = e.inputs;
    const covered = old.members.find((m) => m.covered);
    const anchor = facts.get(old.category === 'tekun' ? (covered?.personId ?? 0) : Number(e.payee_person_id));
    const shortfall = book.param('shortfall_benefit_types', old.countyCode, month);
    const inputs: EntitlementInputs = {
      ...old,
      month,
      hukouType: anchor?.hukou_type ?? old.hukouType,
      // Where the registry records a member's pension, it is the pension income (一数一源); a
      // pension only declared on the application stays as declared.
      members: old.members.map((m) => {
        const f = facts.get(m.personId);
        if (!f?.pension_recorded) return m;
        const pension = (f.benefits ?? []).filter((b) => b.type === 'pension').reduce((s, b) => s + b.monthlyFen, 0);
        const others = m.incomes.filter((i) => i.kind !== 'pension');
        return { ...m, incomes: pension > 0 ? [...others, { kind: 'pension' as const, monthlyFen: pension }] : others };
      }),
      otherBenefits:
        old.category === 'tekun'
          ? (facts.get(covered?.personId ?? 0)?.benefits ?? [])
              .filter((b) => shortfall.includes(b.type) && !neverOffset(b.type, month, old.countyCode))
              .map((b) => ({ name: benefitTypes[b.type as keyof typeof benefitTypes] ?? b.type, monthlyFen: b.monthlyFen }))
          : old.otherBenefits,
    };
    const r = compute(inputs, book);
    if (r.monthlyFen !== e.monthly_fen || r.breakdown !== e.breakdown)
      updates.push({ id: Number(e.id), fen: r.monthlyFen, old: e.monthly_fen, b: r.breakdown, i: r.inputs });
  }
  if (updates.length) await applyInTx(db, updates, month, '人口库信息变更后重新核算', userId, 'facts_changed');
  return { checked: found.length, changed: updates.length };
}
