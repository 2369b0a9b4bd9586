/**
 * The contract of the visits routes (src/server/platform/visits, docs/api.md "Visits (探访)"): the
 * programmes, a worker's worklist, a division's list and its counts, a person's visits, the visit
 * form, the photo upload and the assignment of a worker.
 */
import { z } from 'zod';
import { pageInput, pageSchema } from '../paging.js';
import { visitClocks } from './frequency.js';

/** A plan's state on the Shanghai today: 超期 (past its due date), 临期 (due within the near window), 正常. */
export const planStates = { overdue: '超期', near: '临期', ok: '未到期' } as const;
export type PlanState = keyof typeof planStates;

export const personParams = z.object({ personId: z.coerce.number().int().positive() });
export const photoParams = z.object({ visitId: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() });
export const workersInput = z.object({
  divisionCode: z
    .string()
    .regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, '区划代码格式不正确')
    .optional(),
});

export const programmeInfo = z.object({
  code: z.string(),
  name: z.string(),
  /** The level whose staff are assigned and visit (乡镇（街道）). */
  visitLevelName: z.string(),
  categories: z.record(z.string(), z.string()),
  risks: z.record(z.string(), z.string()),
  /** The frequency in force today for the viewer's county, in words (or why none is). */
  frequencyText: z.string(),
  mayVisit: z.boolean(),
  mayAssign: z.boolean(),
});
export type ProgrammeInfo = z.infer<typeof programmeInfo>;
export const programmesAnswer = z.object({ items: z.array(programmeInfo) });
export type ProgrammesAnswer = z.infer<typeof programmesAnswer>;

/** One person of a programme with their plan: who visits, the last visit, when the next is due. */
export const visitPlan = z.object({
  personId: z.number(),
  name: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  category: z.string(),
  categoryName: z.string(),
  risk: z.string(),
  riskName: z.string(),
  workerUserId: z.number().nullable(),
  workerName: z.string().nullable(),
  lastVisitedAt: z.string().nullable(),
  /** The plan's start where nobody visited yet. */
  since: z.string(),
  intervalDays: z.number(),
  clock: z.enum(['calendar', 'working']),
  clockName: z.string(),
  dueDate: z.string(),
  /** Days of the clock from today to the due date: negative when overdue. */
  daysLeft: z.number(),
  state: z.enum(['overdue', 'near', 'ok']),
  stateName: z.string(),
  /** A working-day count ran into a year whose holidays are not entered (暂按工作日推算). */
  provisional: z.boolean(),
});
export type VisitPlan = z.infer<typeof visitPlan>;

export const visitListInput = pageInput.extend({
  divisionCode: z
    .string()
    .regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, '区划代码格式不正确')
    .optional(),
  state: z.enum(['overdue', 'near', 'ok']).optional(),
  /** Only those without a worker (未分配). */
  unassigned: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  name: z.string().trim().max(50).optional(),
});
export type VisitListInput = z.input<typeof visitListInput>;

export const visitCounts = z.object({ total: z.number(), overdue: z.number(), near: z.number(), unassigned: z.number() });
export type VisitCounts = z.infer<typeof visitCounts>;

/** A page of plans, due soonest first, with the counts of the whole filtered list. */
export const visitPlansPage = pageSchema(visitPlan).extend({ counts: visitCounts });
export type VisitPlansPage = z.infer<typeof visitPlansPage>;

/** Counts by the divisions one level below the viewer's (a township sees its villages, a county its townships). */
export const divisionCountsAnswer = z.object({
  rows: z.array(visitCounts.extend({ divisionCode: z.string(), divisionName: z.string() })),
  all: visitCounts,
});
export type DivisionCountsAnswer = z.infer<typeof divisionCountsAnswer>;

/** The visit form. `visitedAt`: a time with its offset (the phone's, +08:00), not in the future. */
export const visitInput = z.object({
  visitedAt: z.iso.datetime({ offset: true, error: '请填写探访时间' }),
  place: z.string().trim().min(2, '请填写探访地点').max(200),
  situation: z.string().trim().min(2, '请填写探访情况').max(2000),
  needs: z.string().trim().max(2000).optional(),
  followUp: z.string().trim().max(2000).optional(),
  photoFileIds: z.array(z.number().int().positive()).max(9, '最多 9 张照片').default([]),
});
export type VisitInput = z.input<typeof visitInput>;

export const visitRecord = z.object({
  id: z.number(),
  visitedAt: z.string(),
  visitorUserId: z.number(),
  visitorName: z.string(),
  place: z.string(),
  situation: z.string(),
  needs: z.string().nullable(),
  followUp: z.string().nullable(),
  photoFileIds: z.array(z.number()),
  createdAt: z.string(),
});
export type VisitRecord = z.infer<typeof visitRecord>;

export const visitRecorded = z.object({ id: z.number(), plan: visitPlan });
export type VisitRecorded = z.infer<typeof visitRecorded>;

export const assignment = z.object({
  workerUserId: z.number(),
  workerName: z.string(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
});

export const personVisitsAnswer = z.object({
  plan: visitPlan,
  visits: z.array(visitRecord),
  assignments: z.array(assignment),
});
export type PersonVisitsAnswer = z.infer<typeof personVisitsAnswer>;

export const photoUploaded = z.object({ fileId: z.number(), name: z.string() });
export type PhotoUploaded = z.infer<typeof photoUploaded>;

export const assignInput = z.object({ workerUserId: z.number().int().positive({ error: '请选择探访人员' }) });
export type AssignInput = z.infer<typeof assignInput>;

/** The staff who may be assigned a person: of the person's division at the visiting level, holding the visit permission. */
export const workersAnswer = z.object({ items: z.array(z.object({ id: z.number(), displayName: z.string(), divisionCode: z.string() })) });
export type WorkersAnswer = z.infer<typeof workersAnswer>;

export const photoMimes = ['image/jpeg', 'image/png'] as const;
export { visitClocks };
