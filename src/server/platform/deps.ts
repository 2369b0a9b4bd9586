import type { Config } from './config.js';
import type { Database } from './db/index.js';
import type { FieldCipher } from './crypto/field-cipher.js';
import type { Notifier } from './notify/notifier.js';
import type { JobRunner } from './jobs/runner.js';
import type { ReadAudit } from './audit/read-audit.js';
import type { CalendarStore } from './calendar/calendar.js';
import type { NoticeBoard } from './notices/board.js';
import type { PolicyRegistry } from './policy/registry.js';
import type { PayeeAccounts } from './payees/payees.js';
import type { PaymentProgrammes } from './payments/programmes.js';
import type { VisitProgrammes } from './visits/programmes.js';
import type { IssuedDocuments } from './verify/documents.js';

/** What use cases need from the platform; built once at start (or per test). */
export interface Deps {
  config: Config;
  database: Database;
  cipher: FieldCipher;
  notifier: Notifier;
  jobs: JobRunner;
  /** Audit rows of searches and record openings (buffered). */
  readAudit: ReadAudit;
  /** The holiday calendar for working-day deadlines. */
  calendar: CalendarStore;
  /** 公示: the public notices of every module, and what ends them. */
  notices: NoticeBoard;
  /** Dated policy: the modules' kinds of standards and parameters (platform/policy). */
  policy: PolicyRegistry;
  /** Payee accounts: the account each programme pays a person into (platform/payees). */
  payees: PayeeAccounts;
  /** Payment programmes: the modules paying monthly through rolls and bank files (platform/payments). */
  payments: PaymentProgrammes;
  /** Visit programmes: the modules whose people are visited at home (platform/visits). */
  visits: VisitProgrammes;
  /** Verifiable documents: the documents modules issue with a signed code and QR (platform/verify). */
  documents: IssuedDocuments;
}
