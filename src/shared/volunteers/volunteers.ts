/**
 * 志愿服务's contract, both sides (docs/api.md "Volunteers (志愿服务)"): what the register form is
 * pre-filled with (the registry's facts, 一数一源), the staff's and the resident's registration, the
 * list with its filters and export, a volunteer with the history, a correction and 注销. Names, sex,
 * birth dates and ID numbers are the registry's, read at every request, never copied; the ID number is
 * shown masked and is never the volunteer's identifier (the volunteer number is).
 */
import { z } from 'zod';
import { pageInput, pageSchema } from '../paging.js';
import { personNameTerm } from '../registry/persons.js';
import {
  availableTimes,
  consentMethods,
  registrationSources,
  serviceCategories,
  volunteerActions,
  volunteerStatuses,
  type AgeRule,
} from './codes.js';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const categoryCode = z.enum(keys(serviceCategories), { error: '请选择服务类别' });
const timeCode = z.enum(keys(availableTimes), { error: '请选择可服务时间' });
const statusCode = z.enum(keys(volunteerStatuses));
const sourceCode = z.enum(keys(registrationSources));
const actionCode = z.enum(keys(volunteerActions));
const villageCode = z.string({ error: '请选择居住地（村、社区）' }).regex(/^\d{12}$/, '请选择居住地到村（社区）一级');
const date = z.iso.date('日期格式应为 YYYY-MM-DD');

const skills = z
  .array(z.string().trim().min(1, '技能特长不能为空').max(20, '每项技能特长最多 20 个字'), { error: '技能特长格式不正确' })
  .max(10, '技能特长最多填写 10 项');
const categories = z
  .array(categoryCode, { error: '请选择服务类别' })
  .min(1, '请至少选择一个服务类别')
  .max(Object.keys(serviceCategories).length)
  .refine((a) => new Set(a).size === a.length, '服务类别不能重复');
const times = z
  .array(timeCode, { error: '请选择可服务时间' })
  .min(1, '请至少选择一项可服务时间')
  .refine((a) => new Set(a).size === a.length, '可服务时间不能重复');

/** A minor's guardian's consent, as the staff recorded it: who (a guardian in the registry), how, when. */
export const consentInput = z.object({
  guardianPersonId: z.number({ error: '请选择同意的监护人' }).int().positive(),
  method: z.enum(keys(consentMethods), { error: '请选择监护人同意方式（书面或现场）' }),
  consentedOn: date,
});
export type ConsentInput = z.infer<typeof consentInput>;

/** What the volunteer chooses (both the staff's form and the portal's). */
const choices = z.object({
  skills: skills.default([]),
  categories,
  availableTimes: times,
  divisionCode: villageCode,
  /** The volunteer organisation (team) they join, one holding the role 志愿服务组织. */
  organisationId: z.number().int().positive().nullable().optional(),
});

/** POST /api/volunteers: staff register a walk-in (a registry person), with a minor's guardian's consent. */
export const registerInput = choices.extend({
  personId: z.number({ error: '请先查找并选择人员' }).int().positive(),
  consent: consentInput.nullable().optional(),
});
export type RegisterInput = z.input<typeof registerInput>;

/** POST /api/portal/volunteer: a resident registers themselves (their linked registry person). */
export const portalRegisterInput = choices;
export type PortalRegisterInput = z.input<typeof portalRegisterInput>;

/** PATCH /api/volunteers/:id: what a correction changes, with the version the user saw. */
export const correctInput = choices
  .extend({ skills })
  .partial()
  .extend({
    version: z.number().int(),
    reason: z.string().trim().max(200).optional(),
  });
export type CorrectInput = z.input<typeof correctInput>;

/** POST /api/volunteers/:id/deregister: 注销 needs a reason; the date is the day it is recorded. */
export const deregisterInput = z.object({
  version: z.number().int(),
  reason: z.string({ error: '请填写注销原因' }).trim().min(2, '请填写注销原因').max(200, '注销原因最多 200 个字'),
});
export type DeregisterInput = z.infer<typeof deregisterInput>;

/** The list's filters (the export's too: the same filter gives the same rows). */
export const volunteerFilter = z.object({
  name: personNameTerm.optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,12}$/, '行政区划代码格式不正确')
    .optional(),
  category: categoryCode.optional(),
  status: statusCode.optional(),
  registeredFrom: date.optional(),
  registeredTo: date.optional(),
  organisationId: z.coerce.number().int().positive().optional(),
});
export type VolunteerFilter = z.infer<typeof volunteerFilter>;
export const listVolunteersInput = pageInput.extend(volunteerFilter.shape);
export type ListVolunteersInput = z.infer<typeof listVolunteersInput>;

export const volunteerRow = z.object({
  id: z.number(),
  volunteerNo: z.string(),
  personId: z.number(),
  name: z.string(),
  sex: z.enum(['male', 'female']).nullable(),
  age: z.number().nullable(),
  /** Masked (370***********1234), or 数据校验失败. */
  idNumber: z.string().nullable(),
  divisionCode: z.string(),
  divisionName: z.string(),
  categories: z.array(categoryCode),
  categoryNames: z.array(z.string()),
  skills: z.array(z.string()),
  availableTimes: z.array(timeCode),
  availableTimeNames: z.array(z.string()),
  organisationId: z.number().nullable(),
  organisationName: z.string().nullable(),
  source: sourceCode,
  sourceName: z.string(),
  status: statusCode,
  statusName: z.string(),
  registeredOn: z.string(),
  deregisteredOn: z.string().nullable(),
  deregisterReason: z.string().nullable(),
});
export type VolunteerRow = z.infer<typeof volunteerRow>;
export const volunteersPage = pageSchema(volunteerRow);

export const consentRow = z.object({
  guardianPersonId: z.number(),
  guardianName: z.string(),
  method: z.enum(keys(consentMethods)),
  methodName: z.string(),
  consentedOn: z.string(),
});

export const volunteerHistoryEntry = z.object({
  id: z.number(),
  action: actionCode,
  actionName: z.string(),
  actorName: z.string(),
  reason: z.string().nullable(),
  /** What changed, in words (服务类别：社区服务 → 社区服务、扶老助残). */
  changes: z.array(z.string()),
  at: z.string(),
});

export const volunteerDetail = volunteerRow.extend({
  version: z.number(),
  consent: consentRow.nullable(),
  history: z.array(volunteerHistoryEntry),
});
export type VolunteerDetail = z.infer<typeof volunteerDetail>;

/** A guardian of the person in force today (the registry's 父母 or 监护人 relation). */
export const guardianOption = z.object({ personId: z.number(), name: z.string(), kindName: z.string() });

/** GET /api/volunteers/prefill?personId=: what the registry knows, and what the age rule asks. */
export const prefillInput = z.object({ personId: z.coerce.number().int().positive() });
export const prefillAnswer = z.object({
  personId: z.number(),
  name: z.string(),
  sex: z.enum(['male', 'female']).nullable(),
  age: z.number().nullable(),
  idNumber: z.string().nullable(),
  /** Where they live (else their hukou village): the default of the form's residence. */
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  ageRule: z.enum(['alone', 'guardian_consent', 'too_young', 'unknown']),
  /** Why they cannot register (dead, moved out, too young), in Chinese; null when they can. */
  refusal: z.string().nullable(),
  guardians: z.array(guardianOption),
  /** Their volunteer record when they have one (在册 or 注销). */
  volunteer: z.object({ id: z.number(), volunteerNo: z.string(), status: statusCode, statusName: z.string() }).nullable(),
});
export type PrefillAnswer = z.infer<typeof prefillAnswer>;
export type PrefillAgeRule = AgeRule | 'unknown';

/** GET /api/volunteers/teams: the organisations holding the role 志愿服务组织 today (a team's staff: theirs and their sub-teams). */
export const teamsAnswer = z.array(z.object({ id: z.number(), name: z.string(), parentId: z.number().nullable() }));
export type Team = z.infer<typeof teamsAnswer>[number];

/** GET /api/portal/volunteer: the resident's own volunteer record, or what their registration would be pre-filled with. */
export const myVolunteerAnswer = z.object({
  volunteer: volunteerRow.nullable(),
  prefill: prefillAnswer,
});
export type MyVolunteer = z.infer<typeof myVolunteerAnswer>;
