/**
 * The use cases of visits (docs/rules.md "Visits (探访)"): the programmes a user works in, a worker's
 * worklist (我的探访), a division's list with its counts by the divisions one level down, its export,
 * a person's visits, recording a visit with its photos, and assigning the worker. Every read goes
 * through the plans of the actor's scope (plans.ts), so a person outside it is 404 like a missing one;
 * every write is audited in its transaction.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import type { Actor, Ctx } from '../context.js';
import { rows, type Db } from '../db/index.js';
import { divisions, files, users } from '../db/schema.js';
import { requirePermission, scopeWhere, withinDivision } from '../access/scope.js';
import { audit, redactFilter } from '../audit/audit.js';
import { AppError } from '../errors.js';
import { PolicyBook } from '../policy/book.js';
import { writeXlsx } from '../xlsx.js';
import { sniff } from '../casework/documents.js';
import { monthOf, shanghaiToday } from '../../../shared/dates.js';
import { countyOf, levelOf } from '../../../shared/divisions.js';
import { frequencyText } from '../../../shared/visits/frequency.js';
import type {
  AssignInput,
  DivisionCountsAnswer,
  PersonVisitsAnswer,
  PhotoUploaded,
  ProgrammesAnswer,
  VisitInput,
  VisitPlansPage,
  VisitRecorded,
  WorkersAnswer,
} from '../../../shared/visits/visits.js';
import { visitInput, visitListInput } from '../../../shared/visits/visits.js';
import type { z } from 'zod';
import type { VisitProgramme } from './programmes.js';
import { countsOf, frequencyOf, planInScope, plansOf, toShanghai, type PlanFilter } from './plans.js';
import { visitAssignments, visits } from './schema.js';

type ListInput = z.output<typeof visitListInput>;

const levelNames = { county: '县（市、区）', township: '乡镇（街道）', village: '村（社区）' } as const;
const levelLength = { county: 6, township: 9, village: 12 } as const;

/** The actor, holding the programme's permission `what` (the route checked it too). */
const actorFor = (ctx: Ctx, p: VisitProgramme, what: 'read' | 'visit' | 'assign' = 'read'): Actor => requirePermission(ctx.actor, p[what]);

export async function listProgrammes(deps: Deps, ctx: Ctx): Promise<ProgrammesAnswer> {
  const actor = ctx.actor!;
  const month = monthOf(shanghaiToday());
  const items = [];
  for (const p of deps.visits.all()) {
    if (!actor.permissions.has(p.read)) continue;
    const book = await PolicyBook.cached(deps.database.db, p.frequency.policyModule);
    let text: string;
    try {
      text = frequencyText(frequencyOf(book, p, countyOf(actor.divisionCode), month), { categories: p.categories, risks: p.risks });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      text = e.message;
    }
    items.push({
      code: p.programme,
      name: p.name,
      visitLevelName: levelNames[p.visitLevel],
      categories: p.categories,
      risks: p.risks,
      frequencyText: text,
      mayVisit: actor.permissions.has(p.visit),
      mayAssign: actor.permissions.has(p.assign),
    });
  }
  return { items };
}

const filterOf = (q: ListInput): PlanFilter => ({
  divisionCode: q.divisionCode,
  state: q.state,
  unassigned: q.unassigned,
  name: q.name || undefined,
});

function paged(all: Awaited<ReturnType<typeof plansOf>>, q: ListInput): VisitPlansPage {
  const start = (q.page - 1) * q.pageSize;
  return { items: all.slice(start, start + q.pageSize), total: all.length, page: q.page, pageSize: q.pageSize, counts: countsOf(all) };
}

/** 我的探访: the people assigned to the actor inside their scope, due soonest first, with 超期 and 临期 counted. */
export async function myWorklist(deps: Deps, ctx: Ctx, p: VisitProgramme, q: ListInput): Promise<VisitPlansPage> {
  const actor = actorFor(ctx, p, 'visit');
  return paged(await plansOf(deps, actor, p, { ...filterOf(q), workerUserId: actor.userId }), q);
}

/** A division's list (the viewer's by default), filtered and paged, due soonest first. */
export async function listPlans(deps: Deps, ctx: Ctx, p: VisitProgramme, q: ListInput): Promise<VisitPlansPage> {
  const actor = actorFor(ctx, p);
  const page = paged(await plansOf(deps, actor, p, filterOf(q)), q);
  await deps.readAudit.record(ctx, {
    action: 'visit.list',
    objectType: 'visit_programme',
    objectId: p.programme,
    details: { filter: redactFilter({ ...filterOf(q), page: q.page }, []), total: page.total },
  });
  return page;
}

/** Counts by the divisions one level below the viewer's own (a village sees itself), inside the jurisdiction only. */
export async function divisionCounts(deps: Deps, ctx: Ctx, p: VisitProgramme, q: ListInput): Promise<DivisionCountsAnswer> {
  const actor = actorFor(ctx, p);
  const all = await plansOf(deps, actor, p, filterOf(q));
  const at = q.divisionCode ?? actor.divisionCode;
  const level = levelOf(at);
  const len = level === 'city' ? 6 : level === 'county' ? 9 : 12;
  const groups = new Map<string, typeof all>();
  for (const x of all) {
    const key = x.divisionCode.slice(0, len);
    groups.set(key, [...(groups.get(key) ?? []), x]);
  }
  const codes = [...groups.keys()];
  const names = codes.length
    ? new Map(
        (
          await deps.database.db
            .select({ code: divisions.code, name: divisions.name })
            .from(divisions)
            .where(inArray(divisions.code, codes))
        ).map((d) => [d.code, d.name]),
      )
    : new Map<string, string>();
  return {
    rows: codes.sort().map((c) => ({ divisionCode: c, divisionName: names.get(c) ?? c, ...countsOf(groups.get(c)!) })),
    all: countsOf(all),
  };
}

/** The list as .xlsx (same filters, every row), audited with its filter and count. */
export async function exportPlans(deps: Deps, ctx: Ctx, p: VisitProgramme, q: ListInput): Promise<{ name: string; content: Buffer }> {
  const actor = actorFor(ctx, p);
  const all = await plansOf(deps, actor, p, filterOf(q));
  const content = await writeXlsx(
    p.name,
    [
      { header: '姓名', width: 12, value: (x) => x.name },
      { header: '所在区划', width: 20, value: (x) => x.divisionName },
      { header: '类别', width: 14, value: (x) => x.categoryName },
      { header: '风险', width: 10, value: (x) => x.riskName },
      { header: '探访人员', width: 12, value: (x) => x.workerName ?? '未分配' },
      { header: '上次探访', width: 20, value: (x) => (x.lastVisitedAt ? x.lastVisitedAt.slice(0, 16).replace('T', ' ') : '尚未探访') },
      { header: '探访周期', width: 14, value: (x) => `${x.intervalDays} 个${x.clockName}` },
      { header: '应探访日期', width: 14, value: (x) => x.dueDate },
      { header: '状态', width: 10, value: (x) => x.stateName },
    ],
    all,
  );
  await audit(deps.database.db, ctx, {
    action: 'visit.export',
    objectType: 'visit_programme',
    objectId: p.programme,
    details: { filter: redactFilter({ ...filterOf(q) }, []), total: all.length },
  });
  return { name: `${p.name}_${shanghaiToday()}.xlsx`, content };
}

/** A person's plan, visits (latest first) and assignments, inside the actor's scope (404 outside it). */
export async function personVisits(deps: Deps, ctx: Ctx, p: VisitProgramme, personId: number): Promise<PersonVisitsAnswer> {
  const actor = actorFor(ctx, p);
  const db = deps.database.db;
  const plan = await planInScope(deps, actor, p, personId);
  const v = visits;
  const list = await db
    .select({
      id: v.id,
      visitedAt: v.visitedAt,
      visitorUserId: v.visitorUserId,
      visitorName: users.displayName,
      place: v.place,
      situation: v.situation,
      needs: v.needs,
      followUp: v.followUp,
      photoFileIds: v.photoFileIds,
      createdAt: v.createdAt,
    })
    .from(v)
    .innerJoin(users, eq(users.id, v.visitorUserId))
    .where(and(eq(v.programme, p.programme), eq(v.personId, personId), scopeWhere(actor, { division: v.divisionCode, person: v.personId })))
    .orderBy(desc(v.visitedAt), desc(v.id));
  const a = visitAssignments;
  const assigned = await db
    .select({ workerUserId: a.workerUserId, workerName: users.displayName, fromDate: a.fromDate, toDate: a.toDate })
    .from(a)
    .innerJoin(users, eq(users.id, a.workerUserId))
    .where(and(eq(a.programme, p.programme), eq(a.personId, personId)))
    .orderBy(desc(a.fromDate), desc(a.id));
  await deps.readAudit.record(ctx, {
    action: 'visit.history',
    objectType: 'person',
    objectId: personId,
    details: { programme: p.name, count: list.length },
  });
  return {
    plan,
    visits: list.map((x) => ({ ...x, visitedAt: toShanghai(x.visitedAt), createdAt: toShanghai(x.createdAt) })),
    assignments: assigned,
  };
}

/** A photo for a visit: JPG or PNG only, judged by its content; kept in `files` until a visit of the same person and uploader takes it. */
export async function uploadPhoto(
  deps: Deps,
  ctx: Ctx,
  p: VisitProgramme,
  personId: number,
  file: { name: string; content: Buffer },
): Promise<PhotoUploaded> {
  const actor = actorFor(ctx, p, 'visit');
  const mime = sniff(file.content);
  if (mime !== 'image/jpeg' && mime !== 'image/png') throw AppError.field('file', '探访照片只能是 JPG 或 PNG 图片');
  await planInScope(deps, actor, p, personId);
  return deps.database.db.transaction(async (tx) => {
    const [f] = await tx
      .insert(files)
      .values({ name: file.name.slice(0, 200) || '探访照片', mime, content: file.content, createdBy: actor.userId })
      .returning({ id: files.id });
    await audit(tx, ctx, {
      action: 'visit.photo_upload',
      objectType: 'person',
      objectId: personId,
      details: { programme: p.name, fileId: f.id, size: file.content.length },
    });
    return { fileId: f.id, name: file.name };
  });
}

/** Records a visit of a person in the actor's scope; answers the person's plan after it (the next due date). */
export async function recordVisit(deps: Deps, ctx: Ctx, p: VisitProgramme, personId: number, raw: VisitInput): Promise<VisitRecorded> {
  const actor = actorFor(ctx, p, 'visit');
  const input = visitInput.parse(raw);
  const visitedAt = new Date(input.visitedAt);
  // A phone's clock may run a little fast: five minutes are allowed, no more.
  if (visitedAt.getTime() > Date.now() + 5 * 60_000) throw AppError.field('visitedAt', '探访时间不能晚于现在');
  const photoIds = [...new Set(input.photoFileIds)];
  return deps.database.db.transaction(async (tx) => {
    const plan = await planInScope(deps, actor, p, personId, tx);
    if (photoIds.length) {
      // Only the recorder's own uploads, images, not yet taken by another visit.
      const ok = await rows<{ id: string | number }>(
        tx,
        sql`select f.id from files f where f.id in ${photoIds} and f.created_by = ${actor.userId} and f.mime in ('image/jpeg', 'image/png')
          and not exists (select 1 from visits v where v.photo_file_ids @> to_jsonb(f.id))`,
      );
      if (ok.length !== photoIds.length) throw AppError.field('photoFileIds', '照片无效或已用于其他探访记录，请重新上传');
    }
    const [v] = await tx
      .insert(visits)
      .values({
        programme: p.programme,
        personId,
        divisionCode: plan.divisionCode,
        visitorUserId: actor.userId,
        visitedAt,
        place: input.place,
        situation: input.situation,
        needs: input.needs || null,
        followUp: input.followUp || null,
        photoFileIds: photoIds,
      })
      .returning({ id: visits.id });
    await audit(tx, ctx, {
      action: 'visit.record',
      objectType: 'visit',
      objectId: v.id,
      details: { programme: p.name, personId, photos: photoIds.length },
    });
    return { id: v.id, plan: await planInScope(deps, actor, p, personId, tx) };
  });
}

/** One photo of a visit in the actor's scope (404 otherwise); its opening is audited. */
export async function readPhoto(deps: Deps, ctx: Ctx, p: VisitProgramme, visitId: number, fileId: number) {
  const actor = actorFor(ctx, p);
  const v = visits;
  const [f] = await deps.database.db
    .select({ name: files.name, mime: files.mime, content: files.content })
    .from(v)
    .innerJoin(files, eq(files.id, fileId))
    .where(
      and(
        eq(v.id, visitId),
        eq(v.programme, p.programme),
        sql`${v.photoFileIds} @> to_jsonb(${fileId}::bigint)`,
        scopeWhere(actor, { division: v.divisionCode, person: v.personId }),
      ),
    );
  if (!f) throw AppError.notFound('探访照片');
  await deps.readAudit.record(ctx, { action: 'visit.photo_open', objectType: 'visit', objectId: visitId, details: { fileId } });
  return f;
}

/** The staff who may visit for the programme, inside the actor's scope (and `divisionCode`'s subtree). */
export async function listWorkers(
  deps: Deps,
  ctx: Ctx,
  p: VisitProgramme,
  divisionCode: string | undefined,
  db: Db = deps.database.db,
): Promise<WorkersAnswer> {
  const actor = actorFor(ctx, p, 'assign');
  const within = divisionCode && divisionCode.startsWith(actor.divisionCode) ? divisionCode : actor.divisionCode;
  const found = await rows<{ id: string | number; display_name: string; division_code: string }>(
    db,
    sql`select u.id, u.display_name, u.division_code from users u
      where u.kind = 'staff' and not u.disabled and u.organisation_id is null and ${withinDivision(sql`u.division_code`, within)}
        and exists (select 1 from roles r where r.code in (select jsonb_array_elements_text(u.roles))
          and r.permissions ? ${p.visit})
      order by u.division_code, u.display_name limit 500`,
  );
  return { items: found.map((u) => ({ id: Number(u.id), displayName: u.display_name, divisionCode: u.division_code })) };
}

/**
 * Assigns the worker who visits a person: staff of the person's division at the programme's level
 * (their township) holding the visit permission; by a user at that level or above. The earlier
 * assignment ends today and stays as history.
 */
export async function assignWorker(
  deps: Deps,
  ctx: Ctx,
  p: VisitProgramme,
  personId: number,
  input: AssignInput,
): Promise<PersonVisitsAnswer> {
  const actor = actorFor(ctx, p, 'assign');
  const today = shanghaiToday();
  await deps.database.db.transaction(async (tx) => {
    const plan = await planInScope(deps, actor, p, personId, tx);
    if (actor.divisionCode.length > levelLength[p.visitLevel]) throw AppError.forbidden(`探访人员由${levelNames[p.visitLevel]}分配`);
    const unit = plan.divisionCode.slice(0, levelLength[p.visitLevel]);
    const workers = await listWorkers(deps, ctx, p, unit, tx);
    if (!workers.items.some((w) => w.id === input.workerUserId))
      throw AppError.field('workerUserId', `探访人员须为该对象所在${levelNames[p.visitLevel]}持有探访权限的工作人员`);
    if (plan.workerUserId === input.workerUserId) throw AppError.conflict('该人员已是此对象的探访人员');
    const a = visitAssignments;
    await tx
      .update(a)
      .set({ toDate: today })
      .where(and(eq(a.programme, p.programme), eq(a.personId, personId), sql`${a.toDate} is null`));
    await tx.insert(a).values({
      programme: p.programme,
      personId,
      divisionCode: plan.divisionCode,
      workerUserId: input.workerUserId,
      fromDate: today,
      assignedBy: actor.userId,
    });
    await audit(tx, ctx, {
      action: 'visit.assign',
      objectType: 'person',
      objectId: personId,
      details: { programme: p.name, workerUserId: input.workerUserId },
    });
  });
  return personVisits(deps, ctx, p, personId);
}
