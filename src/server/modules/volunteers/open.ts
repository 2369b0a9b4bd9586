/** One volunteer with the guardian's consent (a minor's registration) and the history; 404 outside the scope. */
import { asc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { requirePermission } from '../../platform/access/scope.js';
import { AppError } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/index.js';
import { shanghaiToday } from '../../../shared/dates.js';
import {
  availableTimes,
  consentMethods,
  registrationSources,
  serviceCategories,
  volunteerActions,
  volunteerFields,
  type VolunteerField,
} from '../../../shared/volunteers/codes.js';
import type { VolunteerDetail } from '../../../shared/volunteers/volunteers.js';
import { toVolunteerRow, viewOf, volunteerInScope, type VolunteerDbRow } from './rows.js';
import { volunteerHistory } from './schema.js';

export async function openVolunteer(deps: Deps, ctx: Ctx, id: number): Promise<VolunteerDetail> {
  const actor = requirePermission(ctx.actor, 'volunteers.read');
  const db = deps.database.db;
  const r = await volunteerInScope(db, actor, id);
  if (!r) throw AppError.notFound('志愿者');
  return detailOf(deps, ctx, db, r);
}

export async function detailOf(deps: Deps, ctx: Ctx, db: Db, r: VolunteerDbRow): Promise<VolunteerDetail> {
  const history = await db
    .select()
    .from(volunteerHistory)
    .where(eq(volunteerHistory.volunteerId, Number(r.id)))
    .orderBy(asc(volunteerHistory.id));
  const names = await divisionNames(
    db,
    history.map((h) => h.data),
  );
  return {
    ...toVolunteerRow(viewOf(deps, ctx), r, shanghaiToday()),
    version: r.version,
    consent:
      r.consent_guardian_id !== null && r.consent_method && r.consented_on
        ? {
            guardianPersonId: Number(r.consent_guardian_id),
            guardianName: r.consent_guardian_name ?? '',
            method: r.consent_method,
            methodName: consentMethods[r.consent_method],
            consentedOn: r.consented_on,
          }
        : null,
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      actionName: volunteerActions[h.action],
      actorName: h.actorName,
      reason: h.reason,
      changes: changesOf(h.data, names),
      at: h.at.toISOString(),
    })),
  };
}

/** A history entry's data in words: the source of a registration, each field a correction changed. */
function changesOf(data: Record<string, unknown>, divisions: Map<string, string>): string[] {
  const out: string[] = [];
  if (typeof data.source === 'string')
    out.push(`登记渠道：${registrationSources[data.source as keyof typeof registrationSources] ?? data.source}`);
  const consent = data.consent as { method?: keyof typeof consentMethods; consentedOn?: string } | undefined;
  if (consent?.method) out.push(`监护人${consentMethods[consent.method]}（${consent.consentedOn ?? ''}）`);
  const changed = data.changed as Record<string, { before: unknown; after: unknown }> | undefined;
  for (const [field, { before, after }] of Object.entries(changed ?? {}))
    out.push(
      `${volunteerFields[field as VolunteerField] ?? field}：${words(field, before, divisions)} → ${words(field, after, divisions)}`,
    );
  return out;
}

function words(field: string, v: unknown, divisions: Map<string, string>): string {
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return '无';
  const names: Record<string, string> = field === 'categories' ? serviceCategories : field === 'availableTimes' ? availableTimes : {};
  if (Array.isArray(v)) return v.map((x) => names[String(x)] ?? String(x)).join('、');
  if (field === 'organisationId') return `组织 #${String(v)}`;
  if (field === 'divisionCode') return divisions.get(String(v)) ?? String(v);
  return String(v);
}

/** The full names of the residences a history's corrections name (one statement). */
async function divisionNames(db: Db, data: Record<string, unknown>[]): Promise<Map<string, string>> {
  const codes = data.flatMap((d) => {
    const c = (d.changed as Record<string, { before: unknown; after: unknown }> | undefined)?.divisionCode;
    return c ? [String(c.before), String(c.after)] : [];
  });
  if (!codes.length) return new Map();
  const found = await rows<{ code: string; full_name: string }>(
    db,
    sql`select code, full_name from divisions where code in (select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`,
  );
  return new Map(found.map((d) => [d.code, d.full_name]));
}
