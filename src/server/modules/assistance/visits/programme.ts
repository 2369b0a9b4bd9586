/**
 * 分散供养特困人员探访, social assistance's visit programme on the platform (platform/visits,
 * docs/rules.md "Visits (探访)"): the 特困 people in force whose 供养方式 is 分散供养, visited by staff
 * of their township; their category is the self-care level the entitlement was computed with
 * (全自理, 部分丧失, 完全丧失), their risk whether they live alone (独居, the registry's household: no other
 * member alive with a hukou in the city), the plan starts the day the 分散供养 did. Its frequency is social assistance's
 * dated policy kind `visit:tekun_scattered` (register.ts), shipped as an example value (jining-policy.json).
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import { withinDivision } from '../../../platform/access/scope.js';
import { selfCareLevels } from '../../../../shared/assistance-rules.js';
import { ASSISTANCE_POLICY } from '../../../../shared/assistance/policy.js';
import { TEKUN_VISIT_KIND, TEKUN_VISITS, tekunVisitRisks } from '../../../../shared/assistance/support-mode.js';
import { livesAlone, personNameOf } from '../../registry/read.js';

export function registerTekunVisits(deps: Deps): void {
  deps.visits.register({
    programme: TEKUN_VISITS,
    name: '分散供养特困人员探访',
    members: ({ within }) => sql`select distinct on (e.payee_person_id) e.payee_person_id as person_id, e.division_code,
        case (select count(distinct x) from jsonb_array_elements_text(coalesce(e.inputs->'selfCareUnable', '[]'::jsonb)) x)
          when 0 then 'self' when 1 then 'partial' when 2 then 'partial' when 3 then 'partial' else 'total' end as category,
        case when ${livesAlone(sql`e.payee_person_id`)} then 'alone' else 'with_others' end as risk,
        coalesce(e.support_mode_since, (e.start_month || '-01')::date) as since
      from assistance_entitlements e
      where e.category = 'tekun' and e.status = 'active' and coalesce(e.support_mode, 'scattered') = 'scattered'
        and ${withinDivision(sql`e.division_code`, within)}
      order by e.payee_person_id, e.id desc`,
    personName: (personId) => personNameOf(personId),
    categories: selfCareLevels,
    risks: tekunVisitRisks,
    frequency: { policyModule: ASSISTANCE_POLICY, kind: TEKUN_VISIT_KIND },
    read: 'visits.read',
    visit: 'visits.record',
    assign: 'visits.assign',
    visitLevel: 'township',
  });
}
