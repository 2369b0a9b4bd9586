/**
 * Z1 for the whole route table (docs/security.md): every route whose URL names a record is called, by a
 * user of each built-in role that may call it, for a record outside that user's jurisdiction, and must
 * answer 404 exactly as for an id that does not exist, without changing anything. A route with a
 * parameter has either a fixture here or a `notScoped` entry with the reason, so a new module's routes
 * cannot be left out. Records are made through the API (this file is in the platform layer, which does
 * not import business modules); the enumerated parameters (a case action, a printed form) are walked
 * over every value the API documentation lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, places, type Client, type TestApp } from '../testing/harness.js';
import type { RouteEntry } from '../app.js';
import { rows } from '../platform/db/index.js';
import { generateResidentId } from '../../shared/validation/resident-id.js';
import { creditCodeCheckChar } from '../../shared/validation/credit-code.js';
import { caseHelpers, type Household } from '../modules/assistance/testing.js';
import { addMonths, monthOf, shanghaiToday } from '../../shared/dates.js';

let t: TestApp;
const today = shanghaiToday();
const nextMonth = addMonths(monthOf(today), 1);
/** An id no record has (ids are bigint sequences starting at 1). */
const MISSING = 987654321;
/** A path parameter naming a record: replaced by MISSING for the comparison. */
const isRecordParam = (name: string) => name === 'id' || /Id$/.test(name);

/** Records of one jurisdiction, made by its own staff. */
interface Records {
  /** The township clerk who made them: sees them all (the control for the reads). */
  owner: Client;
  person: number;
  personVersion: number;
  household: number;
  /** A member of the household who is not its head. */
  member: number;
  caseId: number;
  caseVersion: number;
  fileId: number;
  entitlement: number;
  entitlementVersion: number;
  /** The payee account of the entitlement's payee (platform/payees). */
  payeeAccount: number;
  payeeAccountVersion: number;
  benefit: number;
  user: number;
  /** An unregistered team under `organisationParent`, a children's welfare institution with a foster family. */
  organisation: number;
  /** A 部门比对名单 the township clerk uploaded (seen by the township and above). */
  agencyFile: number;
  organisationParent: number;
  organisationRole: number;
  fosterFamily: number;
  /** The case's 批准通知书 as a verifiable document (platform/verify), issued by printing it. */
  document: number;
  /** A 高龄津贴 record 待确认, a confirmed one (paid on the rolls) and its payee account (elderly_allowance). */
  elderly: number;
  elderlyVersion: number;
  elderlyPaid: number;
  elderlyPayee: number;
  elderlyPayeeVersion: number;
  /** A 分散供养 特困 person on the township's visit plan (platform/visits), a visit with a photo, its 特困 entitlement. */
  tekunPerson: number;
  tekunEntitlement: number;
  tekunEntitlementVersion: number;
  visit: number;
  visitPhoto: number;
  /** A 区划变更 of the township, recorded by the city administrator and waiting for its 复核 (version 1). */
  divisionChange: number;
  /** A volunteer (志愿服务) living in the village, registered by the township clerk. */
  volunteer: number;
  volunteerVersion: number;
}

/** Records that belong to one county or one account rather than to a township. */
interface Shared {
  /** A roll is a county's: a township reads its own county's roll (its own lines), so the roll outside is 兖州区's. */
  roll: number;
  rollOwner: Client;
  /** 兖州区's 高龄津贴 roll of next month, built by the same county user. */
  elderlyRoll: number;
  /** An import job with an error report, submitted by a township-B clerk: a job is its submitter's only. */
  job: number;
  jobOwner: Client;
}

/** A user of a role, placed where the role works, and the records outside its reach. */
interface Placement {
  label: string;
  client: Client;
  kind: 'staff' | 'resident';
  permissions: Set<string>;
  divisionCode: string;
  /** A village inside the placement, for bodies that name one (Z3 refuses a foreign division before any lookup). */
  village: string;
  outside: Records | null;
}

interface Req {
  params: Record<string, string | number>;
  body?: unknown;
  upload?: { name: string; content: Buffer; fields?: Record<string, string> };
}

interface Fixture {
  /** jurisdiction: the user's division (and organisation or household) decides; owner: only the record's own account sees it. */
  scope: 'jurisdiction' | 'owner';
  request(r: Records, s: Shared, p: Placement): Req;
  /** For reads: who does see the record, so that the 404 cannot come from a record that is not there. */
  owner?: (r: Records, s: Shared) => Client;
  /**
   * Some values of an enumerated parameter are refused before the record is looked up (a case action
   * the role may not perform, a system action): then the record's answer must equal the missing id's.
   */
  mayRefuseBeforeLookup?: true;
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

/**
 * Every route with a parameter that names a record. Bodies are minimal valid ones (read from the routes'
 * zod schemas), so that validation lets the request through to the lookup.
 */
const fixtures: Record<string, Fixture> = {
  'GET /api/persons/:id': { scope: 'jurisdiction', request: (r) => ({ params: { id: r.person } }), owner: (r) => r.owner },
  'PATCH /api/persons/:id': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.person }, body: { version: r.personVersion, name: '越权改名' } }),
  },
  'POST /api/persons/:id/confirm-hukou': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.person }, body: { version: r.personVersion } }),
  },
  'POST /api/persons/:id/unmask': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.person }, body: { reason: '核实身份信息' } }),
  },
  'GET /api/persons/:id/life': { scope: 'jurisdiction', request: (r) => ({ params: { id: r.person } }), owner: (r) => r.owner },
  'GET /api/agency-files/:id': { scope: 'jurisdiction', request: (r) => ({ params: { id: r.agencyFile } }), owner: (r) => r.owner },
  'GET /api/agency-files/:id/lines': { scope: 'jurisdiction', request: (r) => ({ params: { id: r.agencyFile } }), owner: (r) => r.owner },
  'GET /api/agency-files/:id/export': { scope: 'jurisdiction', request: (r) => ({ params: { id: r.agencyFile } }), owner: (r) => r.owner },
  'POST /api/agency-files/:id/apply': { scope: 'jurisdiction', request: (r) => ({ params: { id: r.agencyFile }, body: {} }) },
  'POST /api/agency-files/:id/dismiss': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.agencyFile }, body: { lineIds: [1], reason: '越权忽略' } }),
  },
  'POST /api/persons/:id/death': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.person }, body: { diedOn: today, version: r.personVersion } }),
  },
  'POST /api/persons/:id/death/revoke': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.person }, body: { reason: '越权撤销', version: r.personVersion } }),
  },
  'POST /api/persons/:id/marital-status': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.person }, body: { status: 'divorced', since: today, version: r.personVersion } }),
  },
  'POST /api/persons/:id/hukou-move': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.person }, body: { direction: 'out', movedOn: today, toPlace: '外省', version: r.personVersion } }),
  },
  'POST /api/persons/:id/residence': {
    scope: 'jurisdiction',
    request: (r) => ({
      params: { id: r.person },
      body: { movedOn: today, residenceDivisionCode: places.renchengVillageA, version: r.personVersion },
    }),
  },
  'POST /api/persons/:id/relations': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.member }, body: { kind: 'parent', relatedPersonId: r.person, since: today } }),
  },
  'POST /api/persons/:id/relations/:relationId/end': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.person, relationId: MISSING }, body: { until: today, reason: '越权终止' } }),
  },
  'POST /api/persons/:id/work-away': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.person }, body: { fromDate: today, destination: '江苏省苏州市' } }),
  },
  'POST /api/persons/:id/work-away/:spellId/end': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.person, spellId: MISSING }, body: { on: today } }),
  },
  'POST /api/persons/:id/schooling': {
    scope: 'jurisdiction',
    request: (r) => ({
      params: { id: r.person },
      body: { school: '济宁市第一中学', stage: 'senior', enrolledOn: today, expectedEnd: `${Number(today.slice(0, 4)) + 3}-07-01` },
    }),
  },
  'POST /api/persons/:id/schooling/:enrolmentId/end': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.person, enrolmentId: MISSING }, body: { on: today } }),
  },
  'GET /api/households/:id': { scope: 'jurisdiction', request: (r) => ({ params: { id: r.household } }), owner: (r) => r.owner },
  'POST /api/households/:id/members': {
    scope: 'jurisdiction',
    request: (r, _s, p) => ({
      params: { id: r.household },
      body: { relation: 'other', person: { name: '越权成员', noIdReason: '尚未落户', hukouDivisionCode: p.village, hukouType: 'rural' } },
    }),
  },
  'DELETE /api/households/:id/members/:personId': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.household, personId: r.member } }),
  },
  'POST /api/benefits/:id/end': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.benefit }, body: { endMonth: addMonths(nextMonth, 2) } }),
  },

  'PATCH /api/users/:id': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.user }, body: { displayName: '越权修改', disabled: true } }),
  },
  'POST /api/users/:id/reset-password': { scope: 'jurisdiction', request: (r) => ({ params: { id: r.user } }) },
  'GET /api/organisations/:id': { scope: 'jurisdiction', request: (r) => ({ params: { id: r.organisation } }), owner: (r) => r.owner },
  'GET /api/organisations/:id/history': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.organisation } }),
    owner: (r) => r.owner,
  },
  'PATCH /api/organisations/:id': {
    scope: 'jurisdiction',
    request: (r, _s, p) => ({
      params: { id: r.organisation },
      body: { name: '越权改名的组织', parentId: r.organisationParent, divisionCode: p.divisionCode, version: 1 },
    }),
  },
  'POST /api/organisations/:id/status': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.organisation }, body: { status: 'revoked', on: today, reason: '越权撤销', version: 1 } }),
  },
  'POST /api/organisations/:id/roles': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.organisation }, body: { role: 'children_welfare', fromDate: today } }),
  },
  'POST /api/organisations/:id/roles/:roleId/end': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.organisation, roleId: r.organisationRole }, body: { toDate: today } }),
  },
  'POST /api/organisations/:id/foster-families': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.organisation }, body: { householdId: r.household, fromDate: today } }),
  },
  'POST /api/organisations/:id/foster-families/:fosterId/end': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.organisation, fosterId: r.fosterFamily }, body: { toDate: today } }),
  },

  'GET /api/assistance/cases/:id': { scope: 'jurisdiction', request: (r) => ({ params: { id: r.caseId } }), owner: (r) => r.owner },
  'POST /api/assistance/cases/:id/actions/:action': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.caseId }, body: { version: r.caseVersion, reason: '越权办理' } }),
    mayRefuseBeforeLookup: true,
  },
  'POST /api/assistance/cases/:id/documents': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.caseId }, upload: { name: '越权材料.pdf', content: pdf, fields: { kind: 'other' } } }),
  },
  'GET /api/assistance/cases/:id/documents': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.caseId } }),
    owner: (r) => r.owner,
  },
  'GET /api/assistance/cases/:id/documents/:fileId': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.caseId, fileId: r.fileId } }),
    owner: (r) => r.owner,
  },
  'GET /api/assistance/cases/:id/print/:doc': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.caseId } }),
    owner: (r) => r.owner,
  },
  'GET /api/assistance/cases/:id/check': { scope: 'jurisdiction', request: (r) => ({ params: { id: r.caseId } }), owner: (r) => r.owner },
  'POST /api/assistance/cases/:id/check/decisions': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.caseId }, body: { key: 'assets:deposits', decision: 'accept' } }),
  },

  'GET /api/assistance/entitlements/:id': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.entitlement } }),
    owner: (r) => r.owner,
  },
  'POST /api/assistance/entitlements/:id/change': {
    scope: 'jurisdiction',
    request: (r) => ({
      params: { id: r.entitlement },
      body: { kind: 'suspend', effectiveMonth: addMonths(nextMonth, 1), reason: '越权暂停', version: r.entitlementVersion },
    }),
  },
  'GET /api/payees/assistance/:id': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.payeeAccount } }),
    owner: (r) => r.owner,
  },
  'POST /api/payees/assistance/:id/account': {
    scope: 'jurisdiction',
    request: (r) => ({
      params: { id: r.payeeAccount },
      body: { bankName: '济宁银行任城支行', bankAccount: '6217009999888877776', reason: '越权更正', version: r.payeeAccountVersion },
    }),
  },
  'POST /api/assistance/entitlements/:id/payee': {
    scope: 'jurisdiction',
    request: (r) => ({
      params: { id: r.entitlement },
      body: {
        payeePersonId: r.member,
        bankName: '越权银行',
        bankAccount: '6217000000000001',
        reason: '越权变更',
        version: r.entitlementVersion,
      },
    }),
  },
  'POST /api/assistance/entitlements/:id/review': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.entitlement }, body: { members: [], reason: '越权复核', version: r.entitlementVersion } }),
  },
  'POST /api/assistance/entitlements/:id/stop-objection': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.entitlement }, body: { reason: '越权异议', version: r.entitlementVersion } }),
  },
  'POST /api/assistance/entitlements/:id/support-mode': {
    scope: 'jurisdiction',
    request: (r) => ({
      params: { id: r.tekunEntitlement },
      body: { mode: 'centralised', facility: '越权敬老院', reason: '越权变更', version: r.tekunEntitlementVersion },
    }),
  },
  'POST /api/assistance/entitlements/:id/support-mode/confirm': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.tekunEntitlement }, body: { version: r.tekunEntitlementVersion } }),
  },
  'GET /api/visits/tekun_scattered/persons/:personId': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { personId: r.tekunPerson } }),
    owner: (r) => r.owner,
  },
  'POST /api/visits/tekun_scattered/persons/:personId/visits': {
    scope: 'jurisdiction',
    request: (r) => ({
      params: { personId: r.tekunPerson },
      body: { visitedAt: new Date().toISOString(), place: '越权', situation: '越权登记' },
    }),
  },
  'POST /api/visits/tekun_scattered/persons/:personId/photos': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { personId: r.tekunPerson }, upload: { name: '越权.png', content: png } }),
  },
  'POST /api/visits/tekun_scattered/persons/:personId/assign': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { personId: r.tekunPerson }, body: { workerUserId: r.user } }),
  },
  'GET /api/visits/tekun_scattered/visits/:visitId/photos/:fileId': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { visitId: r.visit, fileId: r.visitPhoto } }),
    owner: (r) => r.owner,
  },

  'POST /api/payments/assistance/rolls/:id/approve': { scope: 'jurisdiction', request: (_r, s) => ({ params: { id: s.roll } }) },
  'GET /api/payments/assistance/rolls/:id/lines': {
    scope: 'jurisdiction',
    request: (_r, s) => ({ params: { id: s.roll } }),
    owner: (_r, s) => s.rollOwner,
  },
  'GET /api/payments/assistance/rolls/:id/pdf': {
    scope: 'jurisdiction',
    request: (_r, s) => ({ params: { id: s.roll } }),
    owner: (_r, s) => s.rollOwner,
  },
  'GET /api/payments/assistance/rolls/:id/bank-file': {
    scope: 'jurisdiction',
    request: (_r, s) => ({ params: { id: s.roll } }),
    owner: (_r, s) => s.rollOwner,
  },
  'POST /api/payments/assistance/rolls/:id/bank-result': {
    scope: 'jurisdiction',
    request: (r, s) => ({
      params: { id: s.roll },
      upload: { name: '回盘.csv', content: Buffer.from(`流水号,结果,失败原因\n${s.roll}-${r.entitlement},成功,\n`, 'utf8') },
    }),
  },

  'GET /api/elderly-allowance/allowances/:id': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.elderly } }),
    owner: (r) => r.owner,
  },
  'POST /api/elderly-allowance/allowances/:id/confirm': {
    scope: 'jurisdiction',
    request: (r) => ({
      params: { id: r.elderly },
      body: { version: r.elderlyVersion, bankName: '济宁银行任城支行', bankAccount: '6217009999888877776' },
    }),
  },
  'POST /api/elderly-allowance/allowances/:id/refuse': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.elderly }, body: { version: r.elderlyVersion, reason: '越权不予发放' } }),
  },
  'GET /api/volunteers/:id': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.volunteer } }),
    owner: (r) => r.owner,
  },
  'PATCH /api/volunteers/:id': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.volunteer }, body: { version: r.volunteerVersion, skills: ['越权更正'] } }),
  },
  'POST /api/volunteers/:id/deregister': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.volunteer }, body: { version: r.volunteerVersion, reason: '越权注销' } }),
  },
  'POST /api/elderly-allowance/allowances/:id/reopen': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.elderly }, body: { version: r.elderlyVersion, reason: '越权重新受理' } }),
  },
  'POST /api/elderly-allowance/allowances/:id/stop': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.elderlyPaid }, body: { version: r.elderlyVersion, stopMonth: nextMonth, stopReason: 'waived' } }),
  },
  'POST /api/elderly-allowance/allowances/:id/resume': {
    scope: 'jurisdiction',
    request: (r) => ({
      params: { id: r.elderlyPaid },
      body: { version: r.elderlyVersion, resumeMonth: nextMonth, reason: '越权恢复发放' },
    }),
  },
  'GET /api/payees/elderly_allowance/:id': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.elderlyPayee } }),
    owner: (r) => r.owner,
  },
  'POST /api/payees/elderly_allowance/:id/account': {
    scope: 'jurisdiction',
    request: (r) => ({
      params: { id: r.elderlyPayee },
      body: { bankName: '济宁银行任城支行', bankAccount: '6217009999888877776', reason: '越权更正', version: r.elderlyPayeeVersion },
    }),
  },
  'POST /api/payments/elderly_allowance/rolls/:id/approve': {
    scope: 'jurisdiction',
    request: (_r, s) => ({ params: { id: s.elderlyRoll } }),
  },
  'GET /api/payments/elderly_allowance/rolls/:id/lines': {
    scope: 'jurisdiction',
    request: (_r, s) => ({ params: { id: s.elderlyRoll } }),
    owner: (_r, s) => s.rollOwner,
  },
  'GET /api/payments/elderly_allowance/rolls/:id/pdf': {
    scope: 'jurisdiction',
    request: (_r, s) => ({ params: { id: s.elderlyRoll } }),
    owner: (_r, s) => s.rollOwner,
  },
  'GET /api/payments/elderly_allowance/rolls/:id/bank-file': {
    scope: 'jurisdiction',
    request: (_r, s) => ({ params: { id: s.elderlyRoll } }),
    owner: (_r, s) => s.rollOwner,
  },
  'POST /api/payments/elderly_allowance/rolls/:id/bank-result': {
    scope: 'jurisdiction',
    request: (r, s) => ({
      params: { id: s.elderlyRoll },
      upload: { name: '回盘.csv', content: Buffer.from(`流水号,结果,失败原因\n${s.elderlyRoll}-${r.elderlyPaid},成功,\n`, 'utf8') },
    }),
  },

  'POST /api/portal/assistance/:id/documents': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.caseId }, upload: { name: '越权材料.pdf', content: pdf, fields: { kind: 'other' } } }),
  },
  'POST /api/portal/assistance/:id/resubmit': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.caseId }, body: { version: r.caseVersion } }),
  },

  'POST /api/documents/:id/revoke': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.document }, body: { reason: '越权撤销' } }),
  },

  'POST /api/divisions/changes/:id/review': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.divisionChange }, body: { version: 1 } }),
  },
  'POST /api/divisions/changes/:id/return': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.divisionChange }, body: { version: 1, reason: '越权退回' } }),
  },
  'POST /api/divisions/changes/:id/cancel': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.divisionChange }, body: { version: 1, reason: '越权作废' } }),
  },

  'GET /api/jobs/:id': { scope: 'owner', request: (_r, s) => ({ params: { id: s.job } }), owner: (_r, s) => s.jobOwner },
  'GET /api/jobs/:id/errors.xlsx': { scope: 'owner', request: (_r, s) => ({ params: { id: s.job } }), owner: (_r, s) => s.jobOwner },
};

/** Routes with a parameter that is not a jurisdictional record, with the reason. */
const notScoped: Record<string, string> = {
  'GET /api/divisions/:code': 'the division tree is public reference data (the public notice pages read it without a login)',
  'PATCH /api/roles/:code': "roles are the platform's configuration, one set for the whole city, not a jurisdiction's records",
  'GET /api/calendar/:year': 'the holiday calendar is one for the whole city: reference data every logged-in user reads',
  'PUT /api/calendar/:year': 'the holiday calendar is one for the whole city, entered by those holding calendar.manage',
  'GET /api/verify/:code':
    "a verifiable document's public check: the code is the signed code itself, not a record id, answered to anyone (docs/verifiable-documents.md)",
  'PATCH /api/payments/bank-formats/:id':
    "a bank's file format is the city's configuration (docs/bank-files.md), one per bank for every county, not a jurisdiction's records",
  'POST /api/payments/bank-formats/:id/retire': "停用 of a bank's file format: the city's configuration, as its PATCH",
  'POST /api/payments/bank-formats/:id/restore': "启用 of a bank's file format: the city's configuration, as its PATCH",
};

/**
 * Where each built-in role works, and which records lie outside it. A role missing here fails the walk.
 * City-level roles (city_admin, auditor) see every division: there is no record outside their
 * jurisdiction, so they are skipped for jurisdictional routes; for routes scoped to the record's own
 * account (jobs) they are walked like everyone.
 */
const roleHomes: Record<string, { divisionCode: string; village: string; outside: 'B' | 'Y' | null; organisation?: true }> = {
  city_admin: { divisionCode: places.city, village: places.renchengVillageA, outside: null },
  auditor: { divisionCode: places.city, village: places.renchengVillageA, outside: null },
  county_reviewer: { divisionCode: places.rencheng, village: places.renchengVillageA, outside: 'Y' },
  township_clerk: { divisionCode: places.renchengTownshipA, village: places.renchengVillageA, outside: 'B' },
  village_officer: { divisionCode: places.renchengVillageA, village: places.renchengVillageA, outside: 'B' },
  // Organisation staff in 任城区: township B's records are inside the division, outside the organisation's persons.
  org_staff: { divisionCode: places.rencheng, village: places.renchengVillageA, outside: 'B', organisation: true },
};

const yanzhouTownship = places.yanzhouVillage.slice(0, 9);
let seq = 700;
let sets: Record<'B' | 'Y', Records>;
let shared: Shared;
let placements: Placement[];
const unplacedRoles: string[] = [];
/** Enumerated path parameters from the API documentation: "METHOD /url" → parameter → values. */
let enums: Map<string, Record<string, string[]>>;
/** Tables compared before and after each write (the logs of requests are not state). */
let tables: string[] = [];

const { household, application, apply, step, toDecision } = caseHelpers(() => t, 900);

/** A 低保 case entered and investigated by `clerk`, approved by `approver` (another clerk of the township). */
async function approvedCase(clerk: Client, approver: Client, h: Household) {
  const { id } = await apply(clerk, application(h));
  await toDecision(clerk, id);
  const res = await step(approver, id, 'approve');
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

function multipart(upload: NonNullable<Req['upload']>) {
  const boundary = '----z1walk' + Math.random().toString(16).slice(2);
  const fields = Object.entries(upload.fields ?? {}).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(
      `${fields.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${upload.name}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    upload.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The records of one jurisdiction: a household with an approved 低保 case, its document, entitlement and benefit records. */
async function records(clerk: Client, approver: Client, village: string, names: string[], admin: Client): Promise<Records> {
  const h = await household(clerk, village, names);
  const caseId = await approvedCase(clerk, approver, h);
  const doc = await clerk.inject({
    method: 'POST',
    url: `/api/assistance/cases/${caseId}/documents`,
    ...multipart({ name: '户口簿.pdf', content: pdf, fields: { kind: 'hukou' } }),
  });
  expect(doc.statusCode, doc.body).toBe(200);
  const c = (await clerk.get(`/api/assistance/cases/${caseId}`)).json<{ version: number; entitlement: { id: number } }>();
  const e = (await clerk.get(`/api/assistance/entitlements/${c.entitlement.id}`)).json<{ version: number; payeeAccountId: number }>();
  const payee = (await clerk.get(`/api/payees/assistance/${e.payeeAccountId}`)).json<{ version: number }>();
  const benefits = (await clerk.get(`/api/benefits?householdId=${h.id}`)).json<{ id: number }[]>();
  expect(benefits.length).toBeGreaterThan(0);
  const person = (await clerk.get(`/api/persons/${h.members[0].id}`)).json<{ version: number }>();
  const notice = await clerk.get(`/api/assistance/cases/${caseId}/print/approval`);
  expect(notice.statusCode, notice.body.slice(0, 200)).toBe(200);
  const [issued] = await rows<{ id: number }>(
    t.deps.database.db,
    sql`select id::int as id from issued_documents where kind = 'assistance.approval_notice' and record_id in
      (select id from assistance_actions where case_id = ${caseId})`,
  );
  const parent = await admin.post('/api/organisations', {
    name: `走查福利院${seq}`,
    creditCode: `12370800MB${String(seq).padStart(7, '0')}`.replace(/^(.{17}).*$/, (c) => c + creditCodeCheckChar(c)),
    legalType: 'public_institution',
    divisionCode: village.slice(0, 9),
  });
  expect(parent.statusCode, parent.body).toBe(200);
  const org = await admin.post('/api/organisations', {
    name: `走查组织${seq++}`,
    parentId: parent.json<{ id: number }>().id,
    divisionCode: village.slice(0, 9),
  });
  expect(org.statusCode, org.body).toBe(200);
  const orgId = org.json<{ id: number }>().id;
  const role = await admin.post(`/api/organisations/${orgId}/roles`, { role: 'children_welfare', fromDate: today });
  expect(role.statusCode, role.body).toBe(200);
  const foster = await admin.post(`/api/organisations/${orgId}/foster-families`, { householdId: h.id, fromDate: today });
  expect(foster.statusCode, foster.body).toBe(200);
  return {
    owner: clerk,
    person: h.members[0].id,
    personVersion: person.version,
    household: h.id,
    member: h.members[2].id,
    caseId,
    caseVersion: c.version,
    fileId: doc.json<{ fileId: number }>().fileId,
    entitlement: c.entitlement.id,
    entitlementVersion: e.version,
    payeeAccount: e.payeeAccountId,
    payeeAccountVersion: payee.version,
    benefit: benefits[0].id,
    user: clerk.userId,
    organisation: orgId,
    organisationParent: parent.json<{ id: number }>().id,
    organisationRole: role.json<{ id: number }>().id,
    fosterFamily: foster.json<{ id: number }[]>()[0].id,
    document: issued.id,
    agencyFile: await agencyFile(clerk),
    ...(await elderlyRecords(clerk, village, names[0])),
    ...(await visitRecords(clerk, approver, village, names[0])),
    divisionChange: await divisionChange(admin, village.slice(0, 9)),
    ...(await volunteerRecords(clerk, village, names[0])),
  };
}

/** A volunteer of the village (志愿服务), registered at the township's window. */
async function volunteerRecords(clerk: Client, village: string, prefix: string) {
  const h = await household(clerk, village, [`${prefix}志愿者`], ['1990-05-06']);
  const res = await clerk.post('/api/volunteers', {
    personId: h.members[0].id,
    divisionCode: village,
    categories: ['community'],
    availableTimes: ['weekend'],
  });
  expect(res.statusCode, res.body).toBe(200);
  const id = res.json<{ id: number }>().id;
  return { volunteer: id, volunteerVersion: (await clerk.get(`/api/volunteers/${id}`)).json<{ version: number }>().version };
}

/** A rename of the township dated next year, recorded and left 待复核 (it changes nothing until reviewed). */
async function divisionChange(admin: Client, township: string): Promise<number> {
  const res = await admin.post('/api/divisions/changes', {
    kind: 'rename',
    code: township,
    newName: '越权复核测试区',
    effectiveDate: `${addMonths(monthOf(today), 12)}-01`,
    documentNo: '济政字〔2026〕1号',
    reason: '越权测试',
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ id: number }>().id;
}

/** A 特困 person approved as 分散供养 (so on the visit plan), with a visit recorded with a photo. */
async function visitRecords(clerk: Client, approver: Client, village: string, prefix: string) {
  const h = await household(clerk, village, [`${prefix}特困`], ['1942-05-06']);
  const { id } = await apply(
    clerk,
    application(h, { category: 'tekun', members: [{ personId: h.members[0].id, covered: true, incomes: [] }], selfCareUnable: [] }),
  );
  await toDecision(clerk, id);
  const approved = await step(approver, id, 'approve', { data: { supportMode: { mode: 'scattered' } } });
  expect(approved.statusCode, approved.body).toBe(200);
  const entitlementId = (await clerk.get(`/api/assistance/cases/${id}`)).json<{ entitlement: { id: number } }>().entitlement.id;
  const base = `/api/visits/tekun_scattered/persons/${h.members[0].id}`;
  const photo = await clerk.inject({ method: 'POST', url: `${base}/photos`, ...multipart({ name: '探访.png', content: png }) });
  expect(photo.statusCode, photo.body).toBe(200);
  const fileId = photo.json<{ fileId: number }>().fileId;
  const v = await clerk.post(`${base}/visits`, {
    visitedAt: new Date().toISOString(),
    place: '本人家中',
    situation: '生活正常',
    photoFileIds: [fileId],
  });
  expect(v.statusCode, v.body).toBe(200);
  return {
    tekunPerson: h.members[0].id,
    tekunEntitlement: entitlementId,
    tekunEntitlementVersion: (await clerk.get(`/api/assistance/entitlements/${entitlementId}`)).json<{ version: number }>().version,
    visit: v.json<{ id: number }>().id,
    visitPhoto: fileId,
  };
}

/** Two persons of 86 of the village on the township's 高龄津贴 worklist, the second confirmed (with its payee account). */
async function elderlyRecords(clerk: Client, village: string, prefix: string) {
  const h = await household(clerk, village, [`${prefix}高龄`, `${prefix}高龄确认`], ['1940-03-01', '1940-04-01']);
  const intake = await clerk.post('/api/elderly-allowance/intake');
  expect(intake.statusCode, intake.body).toBe(200);
  const list = (await clerk.get('/api/elderly-allowance/allowances?pageSize=200')).json<{ items: { id: number; personId: number }[] }>();
  const [pending, paid] = h.members.map((m) => list.items.find((a) => a.personId === m.id)!);
  const before = (await clerk.get(`/api/elderly-allowance/allowances/${paid.id}`)).json<{ version: number }>();
  const confirmed = await clerk.post(`/api/elderly-allowance/allowances/${paid.id}/confirm`, {
    version: before.version,
    bankName: '济宁银行',
    bankAccount: '6217000011112222333',
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  const payee = confirmed.json<{ payee: { id: number } }>().payee.id;
  return {
    elderly: pending.id,
    elderlyVersion: (await clerk.get(`/api/elderly-allowance/allowances/${pending.id}`)).json<{ version: number }>().version,
    elderlyPaid: paid.id,
    elderlyPayee: payee,
    elderlyPayeeVersion: (await clerk.get(`/api/payees/elderly_allowance/${payee}`)).json<{ version: number }>().version,
  };
}

/** A death list of one line, uploaded and matched. */
async function agencyFile(clerk: Client): Promise<number> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['姓名', '公民身份号码', '死亡日期', '死亡地点', '死亡证明编号', '火化证号']);
  ws.addRow(['名单一', generateResidentId({ addressCode: '370811', birthDate: '1940-01-01', seq: seq++ }), today, null, null, null]);
  const res = await clerk.inject({
    method: 'POST',
    url: '/api/agency-files?kind=deaths&agency=police',
    ...multipart({ name: 'deaths.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) }),
  });
  expect(res.statusCode, res.body).toBe(200);
  await t.deps.jobs.drain();
  return res.json<{ agencyFileId: number }>().agencyFileId;
}

/** An import job of `clerk` that failed with an error report. */
async function failedImport(clerk: Client): Promise<number> {
  const template = new ExcelJS.Workbook();
  await template.xlsx.load((await clerk.get('/api/imports/persons/template')).rawPayload as never);
  const headers = (template.worksheets[0].getRow(1).values as string[]).slice(1);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员花名册');
  ws.addRow(headers);
  ws.addRow([
    '',
    generateResidentId({ addressCode: '370811', birthDate: '1980-01-01', seq: seq++ }),
    null,
    places.renchengVillageB,
    '农村',
  ]);
  const res = await clerk.inject({
    method: 'POST',
    url: '/api/imports/persons?mode=create',
    ...multipart({ name: 'roster.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) }),
  });
  expect(res.statusCode, res.body).toBe(200);
  await t.deps.jobs.drain();
  const job = (await clerk.get(`/api/jobs/${res.json().jobId}`)).json<{ id: number; result: { errorFile: string | null } }>();
  expect(job.result.errorFile).not.toBeNull();
  return job.id;
}

/** One hash per table: what a request changed. */
async function snapshot(): Promise<Map<string, string>> {
  const parts = tables.map(
    (name) =>
      sql`select ${name}::text as t, count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h
        from ${sql.identifier(name)} x`,
  );
  const found = await rows<{ t: string; h: string }>(t.deps.database.db, sql.join(parts, sql` union all `));
  return new Map(found.map((r) => [r.t, r.h]));
}

const changedTables = (before: Map<string, string>, after: Map<string, string>) =>
  [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);

function fill(url: string, params: Record<string, string | number>): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`${url}: no value for :${name}`);
    return encodeURIComponent(String(params[name]));
  });
}

function send(client: Client, method: string, url: string, req: Req): Promise<LightMyRequestResponse> {
  if (req.upload) return client.inject({ method: method as 'POST', url, ...multipart(req.upload) });
  return client.inject({ method: method as 'POST', url, payload: req.body as never });
}

function bodyOf(res: LightMyRequestResponse): unknown {
  try {
    return res.json();
  } catch {
    return res.body;
  }
}

const shown = (res: LightMyRequestResponse) => `${res.statusCode} ${res.body.slice(0, 160)}`;

function holds(p: Placement, r: RouteEntry): boolean {
  if (r.permission) return p.kind === 'staff' && p.permissions.has(r.permission);
  if (r.access === 'resident') return p.kind === 'resident';
  if (r.access === 'staff') return p.kind === 'staff';
  return r.access === 'authenticated' || r.access === 'account';
}

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login({ roles: ['city_admin'], divisionCode: places.city });

  // Township B of 任城区, and 兖州区: each with its own clerks (who enters does not approve).
  const clerkB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
  const approverB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
  const clerkY = await t.login({ roles: ['township_clerk'], divisionCode: yanzhouTownship });
  const approverY = await t.login({ roles: ['township_clerk'], divisionCode: yanzhouTownship });
  sets = {
    B: await records(clerkB, approverB, places.renchengVillageB, ['外乙一', '外乙二', '外乙三'], admin),
    Y: await records(clerkY, approverY, places.yanzhouVillage, ['外兖一', '外兖二', '外兖三'], admin),
  };
  // 兖州区's roll of next month, built by its county and left for another county user to approve.
  const countyY = await t.login({ roles: ['county_reviewer'], divisionCode: places.yanzhou });
  const roll = await countyY.post('/api/payments/assistance/rolls', { countyCode: places.yanzhou, month: nextMonth });
  expect(roll.statusCode, roll.body).toBe(200);
  await t.deps.jobs.drain();
  const elderlyRoll = await countyY.post('/api/payments/elderly_allowance/rolls', { countyCode: places.yanzhou, month: nextMonth });
  expect(elderlyRoll.statusCode, elderlyRoll.body).toBe(200);
  await t.deps.jobs.drain();
  shared = {
    roll: roll.json<{ id: number }>().id,
    rollOwner: countyY,
    elderlyRoll: elderlyRoll.json<{ id: number }>().id,
    job: await failedImport(clerkB),
    jobOwner: clerkB,
  };

  // A resident of township B's village with a household of their own, served by an organisation of 任城区.
  const home = await household(clerkB, places.renchengVillageB, ['居民自家']);
  const resident = await t.loginResident({ personId: home.members[0].id, divisionCode: places.renchengVillageB });
  const org = await admin.post('/api/organisations', {
    name: '任城区走查救助站',
    creditCode: '12370811MB0000001'.replace(/^(.{17})$/, (c) => c + creditCodeCheckChar(c)),
    legalType: 'public_institution',
    divisionCode: places.rencheng,
  });
  expect(org.statusCode, org.body).toBe(200);
  await t.owner.execute(
    sql`insert into organisation_persons (organisation_id, person_id) values (${org.json().id}, ${home.members[0].id})`,
  );

  const roles = (await admin.get('/api/roles')).json<{ code: string; permissions: string[] }[]>();
  placements = [];
  for (const role of roles) {
    const home = roleHomes[role.code];
    if (!home) {
      unplacedRoles.push(role.code);
      continue;
    }
    const client = await t.login({
      roles: [role.code],
      divisionCode: home.divisionCode,
      organisationId: home.organisation ? org.json<{ id: number }>().id : null,
    });
    placements.push({
      label: role.code,
      client,
      kind: 'staff',
      permissions: new Set(role.permissions),
      divisionCode: home.divisionCode,
      village: home.village,
      outside: home.outside ? sets[home.outside] : null,
    });
    if (role.code === 'city_admin') {
      // The administrator's role given to a county's user: the only built-in holder of user.manage whose
      // jurisdiction has an outside (a county administrator), so the user and organisation routes are walked too.
      placements.push({
        label: 'city_admin (in 任城区)',
        client: await t.login({ roles: [role.code], divisionCode: places.rencheng }),
        kind: 'staff',
        permissions: new Set(role.permissions),
        divisionCode: places.rencheng,
        village: places.renchengVillageA,
        outside: sets.Y,
      });
    }
  }
  placements.push({
    label: 'resident',
    client: resident,
    kind: 'resident',
    permissions: new Set(),
    divisionCode: places.renchengVillageB,
    village: places.renchengVillageB,
    outside: sets.B,
  });

  const doc = (await t.client().get('/api/openapi.json')).json<{
    paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema?: { enum?: string[] } }[] }>>;
  }>();
  enums = new Map();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      const values: Record<string, string[]> = {};
      for (const p of op.parameters ?? []) if (p.in === 'path' && p.schema?.enum) values[p.name] = p.schema.enum;
      enums.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, values);
    }

  tables = (
    await rows<{ name: string }>(t.deps.database.db, sql`select tablename as name from pg_tables where schemaname = current_schema()`)
  )
    .map((r) => r.name)
    .filter((n) => !['audit_log', 'audit_chain', 'sessions'].includes(n))
    .sort();
});
afterAll(async () => t?.close());

describe('Z1 jurisdiction over every record route', () => {
  it("Z1 every route with a record id answers 404 to each role holding its permission for a record outside the role's jurisdiction, as for a missing id", async () => {
    const withParams = t.app.routeTable.filter((r) => /:\w+/.test(r.url));
    const key = (r: RouteEntry) => `${r.method} ${r.url}`;
    const known = new Set(withParams.map(key));
    expect(
      withParams.filter((r) => !fixtures[key(r)] && !notScoped[key(r)]).map(key),
      'routes with a parameter that have neither a fixture nor a notScoped entry',
    ).toEqual([]);
    expect(
      [...Object.keys(fixtures), ...Object.keys(notScoped)].filter((k) => !known.has(k)),
      'fixtures or notScoped entries of routes that no longer exist',
    ).toEqual([]);
    expect(unplacedRoles, 'built-in roles without a place in roleHomes').toEqual([]);
    // The tables compared around each write hold every fixture's records.
    expect(tables).toEqual(
      expect.arrayContaining([
        'persons',
        'households',
        'benefits',
        'assistance_cases',
        'assistance_entitlements',
        'payment_rolls',
        'users',
      ]),
    );

    const failures: string[] = [];
    const controlled = new Set<string>();
    const pairs: string[] = [];
    let requests = 0;
    for (const route of withParams) {
      const fx = fixtures[key(route)];
      if (!fx) continue;
      const write = route.method !== 'GET';
      const holders = placements.filter((p) => holds(p, route));
      let walked = 0;
      for (const p of holders) {
        const target = p.outside ?? (fx.scope === 'owner' ? sets.B : null);
        if (!target) continue; // a city-level role: nothing lies outside its jurisdiction
        walked++;
        pairs.push(`${key(route)} as ${p.label}`);
        const base = fx.request(target, shared, p);
        // Enumerated parameters the fixture leaves open are walked over all their values.
        const open = Object.entries(enums.get(key(route)) ?? {}).filter(([name]) => !(name in base.params));
        let variants: Req[] = [base];
        for (const [name, values] of open)
          variants = variants.flatMap((v) => values.map((value) => ({ ...v, params: { ...v.params, [name]: value } })));
        let reached = 0;
        for (const req of variants) {
          const url = fill(route.url, req.params);
          const missingParams = Object.fromEntries(Object.entries(req.params).map(([k, v]) => [k, isRecordParam(k) ? MISSING : v]));
          const missingUrl = fill(route.url, missingParams);
          const label = `${route.method} ${url} as ${p.label}`;
          const before = write ? await snapshot() : null;
          const outside = await send(p.client, route.method, url, req);
          if (before) {
            const changed = changedTables(before, await snapshot());
            if (changed.length) failures.push(`${label}: answered ${shown(outside)} and changed ${changed.join(', ')}`);
          }
          const missing = await send(p.client, route.method, missingUrl, req);
          requests += 2;
          if (missing.statusCode !== 404) {
            const same = outside.statusCode === missing.statusCode && JSON.stringify(bodyOf(outside)) === JSON.stringify(bodyOf(missing));
            if (!(fx.mayRefuseBeforeLookup && same))
              failures.push(
                `${label}: a missing id answered ${shown(missing)} (the request does not reach the lookup); the record: ${shown(outside)}`,
              );
            continue;
          }
          reached++;
          const missingBody = bodyOf(missing) as { code?: string; message?: unknown; details?: unknown };
          if (missingBody.code !== 'NOT_FOUND' || typeof missingBody.message !== 'string' || typeof missingBody.details !== 'object')
            failures.push(`${label}: a missing id's 404 is not { code: 'NOT_FOUND', message, details }: ${missing.body.slice(0, 160)}`);
          if (outside.statusCode !== 404) failures.push(`${label}: answered ${shown(outside)}`);
          else if (JSON.stringify(bodyOf(outside)) !== JSON.stringify(missingBody))
            failures.push(`${label}: its 404 ${outside.body.slice(0, 160)} differs from a missing id's ${missing.body.slice(0, 160)}`);
          // The control: the record's own side sees it, so the 404 is the jurisdiction's, not a record that is not there.
          if (route.method === 'GET' && !controlled.has(url)) {
            controlled.add(url);
            const owner = fx.owner?.(target, shared);
            if (!owner) failures.push(`${key(route)}: a read's fixture names no owner for the control`);
            else {
              const own = await owner.get(url);
              if (own.statusCode === 404) failures.push(`${url}: the record's own user also gets 404, so the fixture proves nothing`);
            }
          }
        }
        if (!reached) failures.push(`${key(route)} as ${p.label}: no request reached the record lookup`);
      }
      if (!walked) failures.push(`${key(route)}: no role below the city holds it, so nothing was walked`);
    }
    expect(failures, `routes that do not answer 404 for a record outside the jurisdiction:\n${failures.join('\n')}`).toEqual([]);
    expect(pairs.length).toBeGreaterThan(60);
    expect(requests).toBeGreaterThan(pairs.length * 2 - 1);
  }, 300_000); // the walk grows with every module's routes: past the default 60 s on a busy machine
});
