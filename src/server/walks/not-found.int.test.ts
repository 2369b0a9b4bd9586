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
  organisation: number;
}

/** Records that belong to one county or one account rather than to a township. */
interface Shared {
  /** A roll is a county's: a township reads its own county's roll (its own lines), so the roll outside is 兖州区's. */
  roll: number;
  rollOwner: Client;
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
  'PATCH /api/organisations/:id': {
    scope: 'jurisdiction',
    request: (r, _s, p) => ({
      params: { id: r.organisation },
      body: { name: '越权改名的组织', kind: 'charity', divisionCode: p.divisionCode },
    }),
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
  'POST /api/assistance/entitlements/:id/review': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.entitlement }, body: { members: [], reason: '越权复核', version: r.entitlementVersion } }),
  },
  'POST /api/assistance/entitlements/:id/stop-objection': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.entitlement }, body: { reason: '越权异议', version: r.entitlementVersion } }),
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

  'POST /api/portal/assistance/:id/documents': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.caseId }, upload: { name: '越权材料.pdf', content: pdf, fields: { kind: 'other' } } }),
  },
  'POST /api/portal/assistance/:id/resubmit': {
    scope: 'jurisdiction',
    request: (r) => ({ params: { id: r.caseId }, body: { version: r.caseVersion } }),
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
  'PATCH /api/payments/bank-formats/:id':
    "a bank's file format is the city's configuration (docs/bank-files.md), one per bank for every county, not a jurisdiction's records",
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
  const org = await admin.post('/api/organisations', { name: `走查组织${seq++}`, kind: 'charity', divisionCode: village.slice(0, 9) });
  expect(org.statusCode, org.body).toBe(200);
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
    organisation: org.json<{ id: number }>().id,
  };
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
  shared = { roll: roll.json<{ id: number }>().id, rollOwner: countyY, job: await failedImport(clerkB), jobOwner: clerkB };

  // A resident of township B's village with a household of their own, served by an organisation of 任城区.
  const home = await household(clerkB, places.renchengVillageB, ['居民自家']);
  const resident = await t.loginResident({ personId: home.members[0].id, divisionCode: places.renchengVillageB });
  const org = await admin.post('/api/organisations', { name: '任城区走查救助站', kind: 'rescue_station', divisionCode: places.rencheng });
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
  });
});
