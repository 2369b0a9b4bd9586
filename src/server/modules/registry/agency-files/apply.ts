/**
 * What a clerk decides on an agency file's lines (docs/rules.md "Agency files"): 登记 records each
 * chosen line through the registry's own use case (a death, a hukou move) with the file as its source,
 * one line per transaction, in a job; a line the registry now refuses (the person died at the window
 * meanwhile …) becomes 有冲突 with the registry's message. 忽略 sets lines aside with a reason. Only
 * 可登记 lines, and 有冲突 ones whose only problem is the name when the clerk names them with a note,
 * are ever applied.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import type { JobContext, JobOutcome } from '../../../platform/jobs/runner.js';
import { requirePermission } from '../../../platform/access/scope.js';
import { rows } from '../../../platform/db/index.js';
import { actorForJob } from '../../../platform/jobs/actor.js';
import { AppError } from '../../../platform/errors.js';
import { audit } from '../../../platform/audit/audit.js';
import {
  agencies,
  agencyFileKinds,
  type AgencyFileKind,
  type ApplyAgencyLinesInput,
  type DismissAgencyLinesInput,
} from '../../../../shared/registry/agency-files.js';
import { lockPerson, moveHukouInTx, recordDeathInTx } from '../life-events.js';
import { agencyFileLines, agencyFiles } from '../schema.js';
import { countLines } from './match.js';
import { openAgencyFileRecord } from './read.js';

export const APPLY_AGENCY_FILE = 'registry.agency_file_apply';

/** Queues the applying of the chosen lines (none chosen: every 可登记 line). */
export async function submitApply(deps: Deps, ctx: Ctx, id: number, input: ApplyAgencyLinesInput): Promise<{ jobId: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  const file = await openAgencyFileRecord(deps.database.db, actor, id);
  if (file.status !== 'ready') throw AppError.conflict('名单尚未比对完成');
  if (input.lineIds?.length) {
    const chosen = await rows<{ outcome: string; conflict: string | null; row_number: number }>(
      deps.database.db,
      sql`select outcome, conflict, row_number from agency_file_lines
          where agency_file_id = ${id} and ${inArray(agencyFileLines.id, input.lineIds)}`,
    );
    if (chosen.length !== input.lineIds.length) throw AppError.notFound('名单行');
    const named = chosen.find((l) => l.conflict === 'name_differs' && l.outcome === 'conflict');
    if (named && !input.note) throw AppError.field('note', `第 ${named.row_number} 行姓名与人口库不一致，登记前请填写核实说明`);
    const other = chosen.find((l) => !(l.outcome === 'matched' || (l.outcome === 'conflict' && l.conflict === 'name_differs')));
    if (other) throw AppError.conflict(`第 ${other.row_number} 行不能登记：只有“可登记”的行，以及仅姓名不一致并已核实的行可以登记`);
  }
  const jobId = await deps.jobs.enqueue({
    kind: APPLY_AGENCY_FILE,
    payload: { agencyFileId: id, lineIds: input.lineIds ?? null, note: input.note ?? null, ip: ctx.ip },
    createdBy: actor.userId,
  });
  return { jobId };
}

/** The apply job: each line in its own transaction, in row order; the counts kept after. */
export function agencyFileApplyHandler(deps: Deps) {
  return async (job: JobContext): Promise<JobOutcome> => {
    const db = deps.database.db;
    const agencyFileId = Number(job.payload.agencyFileId);
    const lineIds = (job.payload.lineIds as number[] | null) ?? null;
    const note = (job.payload.note as string | null) ?? null;
    const actor = await actorForJob(deps, job.createdBy);
    requirePermission(actor, 'registry.write');
    const ctx: Ctx = { actor, ip: String(job.payload.ip ?? '') };
    const file = await openAgencyFileRecord(db, actor, agencyFileId);
    const kind = file.kind as AgencyFileKind;
    const todo = await rows<{ id: number | string }>(
      db,
      lineIds
        ? sql`select id from agency_file_lines where agency_file_id = ${agencyFileId} and ${inArray(agencyFileLines.id, lineIds)}
            order by row_number`
        : sql`select id from agency_file_lines where agency_file_id = ${agencyFileId} and outcome = 'matched' order by row_number`,
    );
    const evidence = (row: number) =>
      `${agencies[file.agency as keyof typeof agencies]}${agencyFileKinds[kind]}「${file.fileName}」第 ${row} 行`;
    let applied = 0;
    let failed = 0;
    for (const [i, { id }] of todo.entries()) {
      const outcome = await db
        .transaction(async (tx) => {
          const [line] = await tx
            .select()
            .from(agencyFileLines)
            .where(eq(agencyFileLines.id, Number(id)))
            .for('update');
          const applicable =
            line.outcome === 'matched' || (line.outcome === 'conflict' && line.conflict === 'name_differs' && note !== null);
          if (!applicable || line.personId === null) return 'skipped' as const;
          const p = await lockPerson(tx, actor, line.personId);
          const d = line.data;
          const sourceRef = `agency_file:${agencyFileId}#${line.rowNumber}`;
          if (kind === 'deaths') {
            if (p.died_on) throw AppError.conflict(`人口库已于 ${p.died_on} 登记死亡`);
            await recordDeathInTx(deps, tx, ctx, p, {
              diedOn: d.diedOn!,
              place: d.place,
              certificateNo: d.certificateNo,
              cremationNo: d.cremationNo,
              source: 'agency_file',
              sourceRef,
              evidence: evidence(line.rowNumber),
            });
          } else {
            await moveHukouInTx(
              deps,
              tx,
              ctx,
              p,
              d.direction === 'in'
                ? {
                    direction: 'in',
                    movedOn: d.movedOn!,
                    toDivisionCode: d.toDivisionCode!,
                    fromPlace: d.place ?? '',
                    source: 'agency_file',
                    evidence: evidence(line.rowNumber),
                  }
                : {
                    direction: 'out',
                    movedOn: d.movedOn!,
                    toPlace: d.place ?? '',
                    source: 'agency_file',
                    evidence: evidence(line.rowNumber),
                  },
            );
          }
          await tx
            .update(agencyFileLines)
            .set({
              outcome: 'applied',
              decidedBy: actor.userId,
              decidedAt: new Date(),
              decisionNote: line.outcome === 'conflict' ? note : null,
            })
            .where(eq(agencyFileLines.id, line.id));
          return 'applied' as const;
        })
        .catch(async (err: unknown) => {
          if (!(err instanceof AppError)) throw err;
          // The registry refused the line now (a change since the match): it waits for the clerk, with the reason.
          await db
            .update(agencyFileLines)
            .set({ outcome: 'conflict', conflict: null, problem: err.message })
            .where(eq(agencyFileLines.id, Number(id)));
          return 'failed' as const;
        });
      if (outcome === 'applied') applied++;
      if (outcome === 'failed') failed++;
      if (i % 100 === 0) void job.progress(i, todo.length);
    }
    const counts = await db.transaction(async (tx) => {
      const counted = await countLines(tx, agencyFileId);
      await tx.update(agencyFiles).set({ counts: counted }).where(eq(agencyFiles.id, agencyFileId));
      await audit(tx, ctx, {
        action: 'agency_file.apply',
        objectType: 'agency_file',
        objectId: agencyFileId,
        details: { applied, refused: failed },
      });
      return counted;
    });
    await job.progress(todo.length, todo.length);
    return { status: 'succeeded', result: { agencyFileId, applied, failed, counts } };
  };
}

/** 忽略: lines the clerk sets aside, with the reason (an applied or already recorded line stays as it is). */
export async function dismissLines(deps: Deps, ctx: Ctx, id: number, input: DismissAgencyLinesInput): Promise<{ dismissed: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  return deps.database.db.transaction(async (tx) => {
    await openAgencyFileRecord(tx, actor, id, true);
    const done = await tx
      .update(agencyFileLines)
      .set({ outcome: 'dismissed', decidedBy: actor.userId, decidedAt: new Date(), decisionNote: input.reason })
      .where(
        and(
          eq(agencyFileLines.agencyFileId, id),
          inArray(agencyFileLines.id, input.lineIds),
          inArray(agencyFileLines.outcome, ['matched', 'conflict', 'unmatched', 'invalid']),
        ),
      )
      .returning({ id: agencyFileLines.id });
    const counted = await countLines(tx, id);
    await tx.update(agencyFiles).set({ counts: counted }).where(eq(agencyFiles.id, id));
    await audit(tx, ctx, { action: 'agency_file.dismiss', objectType: 'agency_file', objectId: id, details: { dismissed: done.length } });
    return { dismissed: done.length };
  });
}
