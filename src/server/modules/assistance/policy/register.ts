/**
 * Social assistance's kinds on the platform's dated policy: a standard per kind and urban/rural, a
 * parameter per key, with their names and value schemas (src/shared/assistance/policy.ts); the audit
 * rows an entry writes, under the module's own actions (救助标准: assistance.standard.add; 政策参数:
 * assistance.parameter.set, the key as the object); and the recomputation of every entitlement in
 * force from the value's month (of the county, for a county's own value) that an entry starts.
 */
import type { Deps } from '../../../platform/deps.js';
import type { PolicyKind } from '../../../platform/policy/registry.js';
import { audit } from '../../../platform/audit/audit.js';
import { keysOf } from '../../../../shared/registry-codes.js';
import { parameterKeys, standardHukouTypes, standardKinds } from '../../../../shared/assistance-codes.js';
import {
  ASSISTANCE_POLICY,
  assistancePolicyKind,
  parameterPolicyKind,
  parameterSchemas,
  standardPolicyKind,
  standardValue,
} from '../../../../shared/assistance/policy.js';
import { RECOMPUTE } from '../entitlements/recompute.js';
import { TEKUN_VISIT_KIND, tekunVisitRisks } from '../../../../shared/assistance/support-mode.js';
import { frequencyValueFor } from '../../../../shared/visits/frequency.js';
import { selfCareLevels } from '../../../../shared/assistance-rules.js';

const kinds: PolicyKind[] = [
  ...keysOf(standardKinds).flatMap((kind) =>
    keysOf(standardHukouTypes).map((hukouType): PolicyKind => ({
      kind: standardPolicyKind(kind, hukouType),
      name: `${standardKinds[kind]}（${standardHukouTypes[hukouType]}）`,
      group: 'standard',
      schema: standardValue,
      sameMonth: { refuse: '该类别、城乡、地区和生效月份的标准已存在' },
    })),
  ),
  ...keysOf(parameterKeys).map((key): PolicyKind => ({
    kind: parameterPolicyKind(key),
    name: parameterKeys[key],
    group: 'parameter',
    schema: parameterSchemas[key],
    sameMonth: 'replace',
    errorPrefix: parameterKeys[key],
  })),
  // How often 分散供养 特困 people are visited (visits/programme.ts): no national rule fixes it.
  {
    kind: TEKUN_VISIT_KIND,
    name: '分散供养特困人员探访周期',
    group: 'visit',
    schema: frequencyValueFor({ categories: selfCareLevels, risks: tekunVisitRisks }),
    sameMonth: 'replace',
    errorPrefix: '分散供养特困人员探访周期',
  },
];

type StandardDetails = {
  kind: string;
  hukouType: string;
  countyCode: string;
  effectiveMonth: string;
  amountFen: number;
  note?: string;
};

export function registerAssistancePolicy(deps: Deps): void {
  deps.policy.register({
    module: ASSISTANCE_POLICY,
    name: '社会救助',
    read: 'assistance.read',
    write: 'assistance.standards',
    kinds,
    async audit(tx, ctx, entry) {
      if (entry.kind === TEKUN_VISIT_KIND) {
        await audit(tx, ctx, {
          action: 'assistance.visit_frequency.set',
          objectType: 'assistance_parameter',
          objectId: entry.kind,
          details: { countyCode: entry.countyCode, effectiveMonth: entry.effectiveMonth, value: entry.value },
        });
        return;
      }
      const k = assistancePolicyKind(entry.kind)!;
      const { countyCode, effectiveMonth } = entry;
      if (k.group === 'standard') {
        // As the form was entered: the basis (note) only where one was given.
        const details: StandardDetails = {
          kind: k.standard,
          hukouType: k.hukouType,
          countyCode,
          effectiveMonth,
          amountFen: entry.value as number,
        };
        if (entry.note !== null) details.note = entry.note;
        await audit(tx, ctx, { action: 'assistance.standard.add', objectType: 'assistance_standard', objectId: entry.id, details });
      } else {
        await audit(tx, ctx, {
          action: 'assistance.parameter.set',
          objectType: 'assistance_parameter',
          objectId: k.key,
          details: { countyCode, effectiveMonth, value: entry.value },
        });
      }
    },
    async changed(ctx, entry) {
      // A visit frequency changes no amount: the plans read it as they are listed.
      if (entry.kind === TEKUN_VISIT_KIND) return null;
      const k = assistancePolicyKind(entry.kind)!;
      const reason =
        k.group === 'standard' ? `${standardKinds[k.standard]}调整为 ${(entry.value as number) / 100} 元` : `${parameterKeys[k.key]}调整`;
      return deps.jobs.enqueue({
        kind: RECOMPUTE,
        payload: { month: entry.effectiveMonth, countyCode: entry.countyCode, reason },
        createdBy: ctx.actor?.userId ?? null,
      });
    },
  });
}
