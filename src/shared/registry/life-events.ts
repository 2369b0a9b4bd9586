/**
 * Life events of the registry (docs/rules.md "Life events"): the contract of
 * /api/persons/:id/death, …/death/revoke, …/events, …/relations, …/marital-status, …/work-away,
 * …/schooling and …/hukou-move, and their code lists. Each event carries its date, where the platform
 * learnt it and its evidence; the registry keeps them as the person's history.
 */
import { z } from 'zod';
import { keysOf } from '../registry-codes.js';

/** Where a fact came from (来源). */
export const eventSources = {
  window: '窗口登记',
  import: '批量导入',
  agency_file: '部门比对文件',
  module: '业务模块',
} as const;

/** The kinds of life event, as the history names them. */
export const lifeEventKinds = {
  death: '死亡',
  death_revoked: '撤销死亡登记',
  marital_status: '婚姻状况变更',
  hukou_move_in: '户口迁入',
  hukou_move_out: '户口迁出',
  residence_change: '居住地变更',
  relation_added: '登记关系',
  relation_ended: '关系终止',
  work_away: '外出务工',
  work_away_ended: '外出务工结束',
  school_enrolled: '入学',
  school_left: '离校',
} as const;

export const maritalStatuses = {
  unmarried: '未婚',
  married: '有配偶',
  divorced: '离婚',
  widowed: '丧偶',
} as const;

/** Relations between persons (人员关系); `personId` is the one cared for, `relatedPersonId` the guardian, carer, parent or spouse. */
export const relationKinds = {
  spouse: '配偶',
  parent: '父母',
  guardian: '监护人',
  entrusted_carer: '委托照护人',
} as const;
export type RelationKind = keyof typeof relationKinds;

export const schoolStages = {
  preschool: '学前教育',
  primary: '小学',
  junior: '初中',
  senior: '普通高中',
  vocational: '中等职业学校',
  higher: '高等教育',
  special: '特殊教育',
} as const;

const isoDate = (what: string) => z.iso.date(`${what}格式应为 YYYY-MM-DD`);
const text = (max: number) => z.string().trim().max(max).optional().nullable();
const source = z.enum(keysOf(eventSources)).default('window');

/** POST /api/persons/:id/death: the date of death, the place, the certificate or cremation number when known. */
export const deathInput = z.object({
  diedOn: isoDate('死亡日期'),
  place: text(200),
  certificateNo: text(50),
  cremationNo: text(50),
  source,
  evidence: text(500),
  version: z.number().int().optional(),
});
export type DeathInput = z.infer<typeof deathInput>;

/** POST /api/persons/:id/death/revoke: a death recorded in error. */
export const revokeDeathInput = z.object({
  reason: z.string().trim().min(2, '请填写撤销原因').max(500),
  version: z.number().int().optional(),
});
export type RevokeDeathInput = z.infer<typeof revokeDeathInput>;

/** One entry of a person's history. */
export const personEventRow = z.object({
  id: z.number(),
  kind: z.string(),
  kindName: z.string(),
  occurredOn: z.string(),
  source: z.string(),
  sourceName: z.string(),
  evidence: z.string().nullable(),
  /** What the event says, in words (死亡地点：…；死亡证明编号：…). */
  summary: z.string(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type PersonEventRow = z.infer<typeof personEventRow>;
export const personEvents = z.object({ items: z.array(personEventRow) });

/** POST /api/persons/:id/relations: a relation with its start date. */
export const relationInput = z.object({
  kind: z.enum(keysOf(relationKinds), { error: '请选择关系' }),
  relatedPersonId: z.number().int({ error: '请选择关系人' }),
  since: isoDate('起始日期'),
  /** A guardian or carer of 16 or 17 who lives on their own income (民法典 第十八条) — with the evidence. */
  relatedSelfSupporting: z.boolean().optional(),
  source,
  evidence: text(500),
  note: text(500),
});
export type RelationInput = z.infer<typeof relationInput>;

/** POST /api/persons/:id/relations/:relationId/end */
export const endRelationInput = z.object({
  until: isoDate('终止日期'),
  reason: z.string().trim().min(2, '请填写终止原因').max(500),
});
export type EndRelationInput = z.infer<typeof endRelationInput>;

export const relationRow = z.object({
  id: z.number(),
  kind: z.string(),
  kindName: z.string(),
  /** Which side the person is on: `of` — the related person is this person's guardian (etc.); `for` — this person is theirs. */
  direction: z.enum(['of', 'for']),
  otherPersonId: z.number(),
  otherName: z.string(),
  since: z.string(),
  until: z.string().nullable(),
  endReason: z.string().nullable(),
  sourceName: z.string(),
  evidence: z.string().nullable(),
  note: z.string().nullable(),
});
export type RelationRow = z.infer<typeof relationRow>;

/** POST /api/persons/:id/marital-status */
export const maritalStatusInput = z.object({
  status: z.enum(keysOf(maritalStatuses), { error: '请选择婚姻状况' }),
  since: isoDate('变更日期'),
  /** For 有配偶: the spouse in the registry (a spouse relation is recorded for both). */
  spousePersonId: z.number().int().optional().nullable(),
  source,
  evidence: text(500),
  version: z.number().int().optional(),
});
export type MaritalStatusInput = z.infer<typeof maritalStatusInput>;

/** POST /api/persons/:id/work-away: a spell of working away (外出务工). */
export const workAwayInput = z.object({
  fromDate: isoDate('外出日期'),
  untilDate: isoDate('返回日期').optional().nullable(),
  destination: z.string().trim().min(1, '请填写务工地').max(200),
  source,
  evidence: text(500),
});
export type WorkAwayInput = z.infer<typeof workAwayInput>;

/** POST /api/persons/:id/schooling: an enrolment with its expected end. */
export const schoolingInput = z.object({
  school: z.string().trim().min(1, '请填写学校名称').max(200),
  stage: z.enum(keysOf(schoolStages), { error: '请选择学段' }),
  enrolledOn: isoDate('入学日期'),
  expectedEnd: isoDate('预计毕业日期'),
  source,
  evidence: text(500),
});
export type SchoolingInput = z.infer<typeof schoolingInput>;

/** POST /api/persons/:id/work-away/:spellId/end, …/schooling/:enrolmentId/end */
export const endSpellInput = z.object({ on: isoDate('结束日期') });
export type EndSpellInput = z.infer<typeof endSpellInput>;

export const workAwayRow = z.object({
  id: z.number(),
  fromDate: z.string(),
  untilDate: z.string().nullable(),
  destination: z.string(),
  sourceName: z.string(),
  evidence: z.string().nullable(),
});
export const schoolingRow = z.object({
  id: z.number(),
  school: z.string(),
  stage: z.string(),
  stageName: z.string(),
  enrolledOn: z.string(),
  expectedEnd: z.string(),
  leftOn: z.string().nullable(),
  sourceName: z.string(),
  evidence: z.string().nullable(),
});

/** Everything the person's 生活事件 tab shows, in one answer. */
export const lifeFacts = z.object({
  diedOn: z.string().nullable(),
  maritalStatus: z.string().nullable(),
  maritalStatusName: z.string().nullable(),
  events: z.array(personEventRow),
  relations: z.array(relationRow),
  workAway: z.array(workAwayRow),
  schooling: z.array(schoolingRow),
});
export type LifeFacts = z.infer<typeof lifeFacts>;

/**
 * POST /api/persons/:id/hukou-move: a hukou move-in from elsewhere into a village of the city, or a
 * move out of the city (the person stays on record with their history, under the division they left).
 */
export const hukouMoveInput = z.discriminatedUnion('direction', [
  z.object({
    direction: z.literal('in'),
    movedOn: isoDate('迁入日期'),
    toDivisionCode: z.string().regex(/^\d{12}$/, '迁入地请选择到村（社区）一级'),
    /** Joins this household (else the person leaves their household). */
    toHouseholdId: z.number().int().optional().nullable(),
    relation: z.string().optional().nullable(),
    fromPlace: z.string().trim().min(1, '请填写迁出地').max(200),
    source,
    evidence: text(500),
    version: z.number().int().optional(),
  }),
  z.object({
    direction: z.literal('out'),
    movedOn: isoDate('迁出日期'),
    toPlace: z.string().trim().min(1, '请填写迁往地').max(200),
    source,
    evidence: text(500),
    version: z.number().int().optional(),
  }),
]);
export type HukouMoveInput = z.infer<typeof hukouMoveInput>;

/** POST /api/persons/:id/residence: where the person lives now (居住地), from a date. */
export const residenceInput = z.object({
  movedOn: isoDate('变更日期'),
  residenceDivisionCode: z.string().regex(/^\d{12}$/, '居住地请选择到村（社区）一级'),
  source,
  evidence: text(500),
  version: z.number().int().optional(),
});
export type ResidenceInput = z.infer<typeof residenceInput>;

export const lifeEventDone = z.object({ id: z.number(), version: z.number() });
