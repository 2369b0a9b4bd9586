/**
 * Social assistance as a payment programme of the platform (platform/payments, docs/adding-a-module.md
 * "Payment programmes"): a county's roll of a month holds every entitlement in force then with an
 * amount (active, started, not ended), one line per household (低保) or person (特困), its covered
 * persons counted; the benefit type it writes is the entitlement's category (an entitlement whose payee died is
 * suspended until 变更领取人: entitlements/death.ts, payee.ts). Who built a roll does not
 * approve it while the county's policy value `separation_of_duties` is on. Every act on a roll is
 * audited as social assistance always audited it (assistance.roll.*, object assistance_roll).
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import { audit } from '../../../platform/audit/audit.js';
import { withinDivision } from '../../../platform/access/scope.js';
import { monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { assistanceCategories } from '../../../../shared/assistance-codes.js';
import { personNameOf, personsView } from '../../registry/read.js';
import { PolicyBook } from '../policy/policy.js';
import { ASSISTANCE_PROGRAMME } from '../entitlements/account.js';

export function registerAssistanceProgramme(deps: Deps): void {
  deps.payments.register({
    programme: ASSISTANCE_PROGRAMME,
    name: '社会救助',
    typeLabel: '救助类别',
    benefitTypes: assistanceCategories,
    read: 'assistance.read',
    manage: 'assistance.roll',
    eligible: ({ countyCode, month, within }) => sql`select e.id as record_id, e.household_id, e.division_code,
        e.category as benefit_type, e.payee_person_id, e.covered_person_ids, e.monthly_fen as amount_fen, e.breakdown, e.inputs
      from assistance_entitlements e
      where e.county_code = ${countyCode} and ${withinDivision(sql`e.division_code`, within)} and e.status = 'active'
        and e.monthly_fen > 0 and e.start_month <= ${month} and (e.end_month is null or e.end_month >= ${month})`,
    payeeName: (personId) => personNameOf(personId),
    payeeIdNumberEnc: (personId) => sql`(select rp.id_number_enc from ${personsView} rp where rp.id = ${personId})`,
    async separatesDuties(db, countyCode) {
      return (await PolicyBook.load(db)).param('separation_of_duties', countyCode, monthOf(shanghaiToday()));
    },
    async audit(tx, ctx, e) {
      await audit(tx, ctx, {
        action: `assistance.roll.${e.action}`,
        objectType: 'assistance_roll',
        objectId: e.rollId,
        details: e.details,
      });
    },
    async auditLines(ctx, e) {
      await deps.readAudit.record(ctx, {
        action: 'assistance.roll.lines',
        objectType: 'assistance_roll',
        objectId: e.rollId,
        details: { total: e.total },
      });
    },
  });
}
