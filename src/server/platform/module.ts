/**
 * A module's manifest: everything the central files wire, declared once by the module
 * (docs/adding-a-module.md "The manifest"). `src/server/modules/index.ts` lists the manifests;
 * `app.ts` registers their routes, `bootstrap.ts` their jobs, seeds and timers, and the unit test
 * `src/server/modules/modules.test.ts` holds them to the permission, audit and schema lists.
 */
import type { FastifyInstance } from 'fastify';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { AuditActionLabel } from '../../shared/audit/labels.js';
import type { Deps } from './deps.js';
import type { JobHandler } from './jobs/runner.js';
import type { NoticeEnd } from './notices/board.js';

/** A durable job kind (`jobs` rows) and its handler. */
export interface JobKind {
  kind: string;
  handler: (deps: Deps) => JobHandler;
}

/** Periodic work of the running server (`npm start`); tests and benchmarks start none. */
export interface Timer {
  name: string;
  everyMs: number;
  /** Also run once when the server starts. */
  atStart?: boolean;
  run: (deps: Deps) => Promise<unknown>;
  /** What is logged when a run fails (with the error's type only); without it a failure waits silently for the next run. */
  failure?: string;
}

/** Fills what a first start needs; runs at every start, so it leaves what is there (idempotent). */
/** A module's answer to an event another module publishes (platform/jobs/runner.ts `publishInTx`). */
export interface Listener {
  event: string;
  handler: (deps: Deps) => JobHandler;
}

export type Seed = (deps: Deps, log: (msg: string) => void) => Promise<void>;

export interface ServerModule {
  name: string;
  /** The module's drizzle tables (its schema.ts exports); src/server/schema.ts exports every one. */
  tables: Record<string, PgTable>;
  /**
   * Its tables that keep what was approved or issued (an approved roll's lines, an issued document):
   * a division change never re-codes them (docs/rules.md "Dated divisions (区划变更)").
   */
  frozen: PgTable[];
  /** Registers the module's routes on the /api plugin. */
  routes: ((api: FastifyInstance, deps: Deps) => void) | null;
  /** Permission code → Chinese name (src/shared/<module>/permissions.ts). */
  permissions: Record<string, string>;
  jobs: JobKind[];
  /** The events of other modules it answers, each as a durable job of its own. */
  listens: Listener[];
  timers: Timer[];
  /** Run in the order of the module list, then module by module in their own order. */
  seeds: Seed[];
  /** Action code → label and group of the audit rows the module writes (src/shared/<module>/audit-actions.ts). */
  auditActions: Record<string, AuditActionLabel>;
  /** The kinds of 公示 the module starts on the platform's board (platform/notices), each with what its end does. */
  notices: { kind: string; onEnd: (deps: Deps) => NoticeEnd }[];
  /**
   * What the module registers with the platform's services once they exist (`createDeps`): its kinds
   * of dated policy (platform/policy), its payee accounts (platform/payees), its payment programmes
   * (platform/payments).
   */
  services: ((deps: Deps) => void)[];
}

/** A manifest with what a module does not have left empty. */
export const defineModule = (m: Pick<ServerModule, 'name'> & Partial<ServerModule>): ServerModule => ({
  tables: {},
  frozen: [],
  routes: null,
  permissions: {},
  jobs: [],
  listens: [],
  timers: [],
  seeds: [],
  auditActions: {},
  notices: [],
  services: [],
  ...m,
});
