/**
 * The social-assistance notices on the platform's 公示 board (platform/notices/board.ts): a case's
 * 拟批准 notice from the township's agreement, shown on its village's public page with the applicant's
 * name masked, the household size and the amount, never an ID number or a reason (docs/security.md D4);
 * at its end the case moves on to the decision by itself. The 终止公示 of a 特困 recipient is entitlements/stop-notice.ts's.
 */
import { sql } from 'drizzle-orm';
import { personNameOf } from '../../registry/read.js';
import type { Deps } from '../../../platform/deps.js';
import type { Db } from '../../../platform/db/index.js';
import { rows } from '../../../platform/db/index.js';
import { maskName } from '../../../../shared/mask.js';
import { assistanceCategories } from '../../../../shared/assistance-codes.js';
import { recordActionInTx, unsafeLockCaseForPlatformInTx, type CaseRow } from './case-store.js';
import { PolicyBook } from '../policy/policy.js';
import type { StoredApplication } from './application.js';

/** The kind of a case's notice on the board. */
export const CASE_NOTICE = 'assistance_case';

/** Starts the case's 公示 on its village's page, to the last day the case's stage deadline gives. */
export async function startCaseNoticeInTx(deps: Deps, tx: Db, c: CaseRow, today: string): Promise<void> {
  // The household and the amount are on the case; only the applicant's name is the registry's.
  const [{ name }] = await rows<{ name: string }>(tx, sql`select ${personNameOf(c.applicantPersonId)} as name`);
  const app = c.application as unknown as StoredApplication;
  await deps.notices.startInTx(tx, {
    kind: CASE_NOTICE,
    recordId: c.id,
    divisionCode: c.divisionCode,
    matter: '拟批准救助',
    shown: {
      name: maskName(name),
      category: assistanceCategories[c.category],
      householdSize: app.members.length,
      monthlyFen: (c.computation as { monthlyFen?: number } | null)?.monthlyFen ?? null,
    },
    startsOn: today,
    lastDay: c.noticeEnds!,
  });
}

/** The end of a case's 公示 without objection: 公示期满, recorded by the platform. */
export function endCaseNotice(deps: Deps) {
  return async (tx: Db, caseId: number, today: string) => {
    const c = await unsafeLockCaseForPlatformInTx(tx, caseId);
    if (c?.status !== 'notice') return;
    await recordActionInTx(tx, { actor: null, ip: '' }, c, 'end_notice', {
      today,
      cal: await deps.calendar.get(tx),
      book: await PolicyBook.load(tx),
      actorName: '系统',
      actorDivision: null,
      reason: '公示期满无异议',
    });
  };
}
