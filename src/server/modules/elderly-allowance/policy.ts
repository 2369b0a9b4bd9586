/**
 * 高龄津贴's kind on the platform's dated policy (docs/adding-a-module.md "Dated policy"): the monthly
 * amount of each age band (src/shared/elderly-allowance/policy.ts), for the city or a county from a
 * month, audited as elderly_allowance.amounts.set in the entry's transaction, where the benefit ledger's
 * records of the county (the city) are cut at the entry's month and recorded again at the new amounts
 * (benefit.ts `followAmountsInTx`; the platform's hook for the entry's transaction is `audit`). Nothing
 * else is recomputed: a roll reads the amount in force for its month when it is built (payable.ts). The shipped example is
 * seeded once (示例, until the bureau enters its own).
 */
import type { Deps } from '../../platform/deps.js';
import type { Db } from '../../platform/db/index.js';
import { audit } from '../../platform/audit/audit.js';
import { seedValues } from '../../platform/policy/values.js';
import { followAmountsInTx } from './benefit.js';
import { AMOUNTS_KIND, ELDERLY_POLICY, bandAmounts, exampleAmounts } from '../../../shared/elderly-allowance/policy.js';

export function registerElderlyPolicy(deps: Deps): void {
  deps.policy.register({
    module: ELDERLY_POLICY,
    name: '高龄津贴',
    read: 'elderly_allowance.read',
    write: 'elderly_allowance.standards',
    kinds: [
      {
        kind: AMOUNTS_KIND,
        name: '高龄津贴月标准（各年龄段）',
        group: 'standard',
        schema: bandAmounts,
        sameMonth: 'replace',
        errorPrefix: '高龄津贴标准',
      },
    ],
    async audit(tx, ctx, entry) {
      await audit(tx, ctx, {
        action: 'elderly_allowance.amounts.set',
        objectType: 'elderly_allowance_amounts',
        objectId: entry.id,
        details: {
          countyCode: entry.countyCode,
          effectiveMonth: entry.effectiveMonth,
          value: entry.value,
          ...(entry.note ? { note: entry.note } : {}),
        },
      });
      // The ledger follows the new amount from its month, in the entry's transaction (benefit.ts).
      await followAmountsInTx(tx, entry);
    },
  });
}

export async function seedElderlyPolicy(db: Db): Promise<void> {
  await seedValues(db, ELDERLY_POLICY, {
    effectiveMonth: exampleAmounts.effectiveMonth,
    values: [{ kind: AMOUNTS_KIND, value: exampleAmounts.value, note: exampleAmounts.note }],
  });
}
