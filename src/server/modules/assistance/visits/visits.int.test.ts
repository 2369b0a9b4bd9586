/**
 * 分散供养特困人员探访 (docs/rules.md "Visits (探访)"): the platform's visits (platform/visits) with their
 * first configuration, and the 供养方式 of 特困 entitlements it reads (entitlements/support-mode.ts).
 * Each test is named after the rule it holds, and asserts what a user sees.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { startTestApp, places, type Client, type TestApp } from '../../../testing/harness.js';
import { rows } from '../../../platform/db/index.js';
import { addDays, shanghaiToday } from '../../../../shared/dates.js';
import { caseHelpers, upload } from '../testing.js';
import type { DivisionCountsAnswer, PersonVisitsAnswer, VisitPlansPage, VisitRecorded } from '../../../../shared/visits/visits.js';
import type { PendingSupportModesPage, SupportModeChanged } from '../../../../shared/assistance/support-mode.js';

let t: TestApp;
let clerkA: Client;
let approverA: Client;
let workerA: Client;
let clerkB: Client;
let approverB: Client;
let county: Client;
const today = shanghaiToday();
const base = '/api/visits/tekun_scattered';
const { household, application, apply, open, step, toDecision } = caseHelpers(() => t, 700);

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n');

interface Tekun {
  personId: number;
  entitlementId: number;
}

/** A 特困 person of `village` approved by the township, with the approver's 供养方式 (or none). */
async function tekun(
  clerk: Client,
  approver: Client,
  village: string,
  name: string,
  supportMode?: Record<string, unknown>,
): Promise<Tekun> {
  const h = await household(clerk, village, [name], ['1942-05-06']);
  const c = await apply(
    clerk,
    application(h, { category: 'tekun', members: [{ personId: h.members[0].id, covered: true, incomes: [] }], selfCareUnable: ['eating'] }),
  );
  await toDecision(clerk, c.id);
  const res = await step(approver, c.id, 'approve', supportMode ? { data: { supportMode } } : {});
  expect(res.statusCode, res.body).toBe(200);
  return { personId: h.members[0].id, entitlementId: (await open(clerk, c.id)).entitlement.id as number };
}

const entitlement = async (c: Client, id: number) => (await c.get(`/api/assistance/entitlements/${id}`)).json();
const plans = async (c: Client, query = '') => {
  const res = await c.get(`${base}/plans${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<VisitPlansPage>();
};
const mine = async (c: Client) => {
  const res = await c.get(`${base}/mine`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<VisitPlansPage>();
};
/** Moves a plan's start back `days` days, as if the 分散供养 had begun then. */
const startedDaysAgo = (entitlementId: number, days: number) =>
  t.owner.execute(sql`update assistance_entitlements set support_mode_since = ${addDays(today, -days)} where id = ${entitlementId}`);
const visitBody = (extra: Record<string, unknown> = {}) => ({
  visitedAt: new Date().toISOString().replace('Z', '+00:00'),
  place: '本人家中',
  situation: '身体状况稳定，生活用品充足',
  needs: '冬季取暖煤',
  followUp: '联系村委会送煤',
  ...extra,
});

let scattered: Tekun;
let unchosen: Tekun;
let centralised: Tekun;
let inB: Tekun;

beforeAll(async () => {
  t = await startTestApp();
  clerkA = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  approverA = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  workerA = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  clerkB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
  approverB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
  county = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  scattered = await tekun(clerkA, approverA, places.renchengVillageA, '分散甲', { mode: 'scattered' });
  unchosen = await tekun(clerkA, approverA, places.renchengVillageA, '未选乙');
  centralised = await tekun(clerkA, approverA, places.renchengVillageA, '集中丙', { mode: 'centralised', facility: '任城区中心敬老院' });
  inB = await tekun(clerkB, approverB, places.renchengVillageB, '李营丁', { mode: 'scattered' });
});
afterAll(async () => t?.close());

describe('供养方式 of 特困 entitlements', () => {
  it('供养方式 is set at the 特困 approval: the approver’s choice is confirmed, with the facility of 集中供养, in the history', async () => {
    const e = await entitlement(clerkA, centralised.entitlementId);
    expect(e.supportMode).toMatchObject({
      mode: 'centralised',
      modeName: '集中供养',
      confirmed: true,
      facility: '任城区中心敬老院',
      since: today,
    });
    const set = e.history.find((h: { kind: string }) => h.kind === 'support_mode_set');
    expect(set.breakdown).toBe('审批确定供养方式：集中供养（任城区中心敬老院）');
  });

  it('供养方式 defaults to 分散供养, unconfirmed, where the approval chose none', async () => {
    const e = await entitlement(clerkA, unchosen.entitlementId);
    expect(e.supportMode).toMatchObject({ mode: 'scattered', modeName: '分散供养', confirmed: false });
    expect(e.history.find((h: { kind: string }) => h.kind === 'support_mode_set').breakdown).toBe(
      '审批时未选择供养方式，暂按分散供养，待乡镇（街道）确认',
    );
  });

  it('供养方式 at approval: 集中供养 without a facility is refused, naming the field', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['缺机构'], ['1943-01-02']);
    const c = await apply(
      clerkA,
      application(h, { category: 'tekun', members: [{ personId: h.members[0].id, covered: true, incomes: [] }], selfCareUnable: [] }),
    );
    await toDecision(clerkA, c.id);
    const res = await step(approverA, c.id, 'approve', { data: { supportMode: { mode: 'centralised' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual([{ field: 'data.supportMode.facility', message: '集中供养须填写供养机构名称' }]);
    expect((await open(clerkA, c.id)).status).toBe('awaiting_decision');
  });

  it('a change of 供养方式 needs a reason and is kept in the history with its audit row (变更供养方式)', async () => {
    const e = await entitlement(clerkA, scattered.entitlementId);
    const url = `/api/assistance/entitlements/${scattered.entitlementId}/support-mode`;
    const noReason = await clerkA.post(url, { mode: 'centralised', facility: '任城区中心敬老院', version: e.version, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('请填写变更理由');
    const noFacility = await clerkA.post(url, { mode: 'centralised', reason: '本人申请入住敬老院', version: e.version });
    expect(noFacility.statusCode).toBe(400);
    expect(noFacility.json().details.fields).toEqual([
      { field: 'facility', message: expect.stringContaining('集中供养须填写供养机构名称') },
    ]);

    const res = await clerkA.post(url, {
      mode: 'centralised',
      facility: '任城区中心敬老院',
      reason: '本人申请入住敬老院',
      version: e.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<SupportModeChanged>().supportMode).toMatchObject({
      mode: 'centralised',
      facility: '任城区中心敬老院',
      confirmed: true,
    });
    const after = await entitlement(clerkA, scattered.entitlementId);
    expect(after.history[0]).toMatchObject({
      kind: 'support_mode',
      breakdown: '分散供养 → 集中供养（任城区中心敬老院）',
      reason: '本人申请入住敬老院',
    });
    const [row] = await rows<{ action: string; details: Record<string, unknown> }>(
      t.owner,
      sql`select action, details from audit_log where object_type = 'assistance_entitlement'
        and object_id = ${String(scattered.entitlementId)} and action = 'assistance.entitlement.support_mode'`,
    );
    expect(row.details).toEqual({ supportMode: 'centralised', facility: '任城区中心敬老院' });

    // The version seen is checked; the same mode again is refused; back to 分散供养 for the tests below.
    expect((await clerkA.post(url, { mode: 'scattered', reason: '退住回家', version: e.version })).statusCode).toBe(409);
    const again = await clerkA.post(url, { mode: 'centralised', facility: '任城区中心敬老院', reason: '重复', version: after.version });
    expect(again.json().message).toBe('供养方式与机构未改变');
    expect((await clerkA.post(url, { mode: 'scattered', reason: '本人退住回家', version: after.version })).statusCode).toBe(200);
  });

  it('供养方式待确认 lists the unconfirmed 特困 entitlements of the township, each confirmed once', async () => {
    const pending = (await clerkA.get('/api/assistance/support-modes/pending')).json<PendingSupportModesPage>();
    expect(pending.items.map((i) => i.id)).toEqual([unchosen.entitlementId]);
    expect(pending.items[0]).toMatchObject({ payeeName: '未选乙', supportMode: { modeName: '分散供养', confirmed: false } });
    expect((await clerkB.get('/api/assistance/support-modes/pending')).json().items.map((i: { id: number }) => i.id)).toEqual([]);

    const url = `/api/assistance/entitlements/${unchosen.entitlementId}/support-mode/confirm`;
    const res = await clerkA.post(url, { version: pending.items[0].version });
    expect(res.statusCode, res.body).toBe(200);
    expect((await entitlement(clerkA, unchosen.entitlementId)).history[0]).toMatchObject({
      kind: 'support_mode_confirm',
      breakdown: '确认供养方式：分散供养',
    });
    expect((await clerkA.get('/api/assistance/support-modes/pending')).json().total).toBe(0);
    const twice = await clerkA.post(url, { version: res.json().version });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe('供养方式已确认');
  });

  it('供养方式 of a 低保 entitlement does not exist: 只有特困人员救助供养有供养方式', async () => {
    const h = await household(clerkA, places.renchengVillageA, ['低保戊']);
    const c = await apply(clerkA, application(h, { members: [{ personId: h.members[0].id, covered: true, incomes: [] }] }));
    await toDecision(clerkA, c.id);
    expect((await step(approverA, c.id, 'approve')).statusCode).toBe(200);
    const id = (await open(clerkA, c.id)).entitlement.id as number;
    expect((await entitlement(clerkA, id)).supportMode).toBeNull();
    const res = await clerkA.post(`/api/assistance/entitlements/${id}/support-mode`, { mode: 'scattered', reason: '试图设置', version: 1 });
    expect(res.json().message).toBe('只有特困人员救助供养有供养方式');
  });
});

describe('分散供养特困人员探访', () => {
  it('the programme takes only 特困 people whose 供养方式 is 分散供养', async () => {
    const all = await plans(county);
    const ids = all.items.map((p) => p.personId);
    expect(ids).toEqual(expect.arrayContaining([scattered.personId, unchosen.personId, inB.personId]));
    expect(ids).not.toContain(centralised.personId);
    expect(all.items.find((p) => p.personId === scattered.personId)).toMatchObject({
      name: '分散甲',
      categoryName: '部分丧失生活自理能力',
      intervalDays: 30,
      clockName: '自然日',
      workerName: null,
    });
  });

  it('the visit clock: a plan begun 40 days ago is 超期; a visit recorded today makes it due in 30 calendar days', async () => {
    await startedDaysAgo(scattered.entitlementId, 40);
    const before = (await plans(clerkA)).items.find((p) => p.personId === scattered.personId)!;
    expect(before).toMatchObject({ dueDate: addDays(today, -10), daysLeft: -10, state: 'overdue', stateName: '超期', lastVisitedAt: null });

    const res = await clerkA.post(`${base}/persons/${scattered.personId}/visits`, visitBody());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<VisitRecorded>().plan).toMatchObject({ dueDate: addDays(today, 30), daysLeft: 30, state: 'ok', stateName: '未到期' });
  });

  it('a visit in the future is refused: 探访时间不能晚于现在', async () => {
    const res = await clerkA.post(
      `${base}/persons/${scattered.personId}/visits`,
      visitBody({ visitedAt: new Date(Date.now() + 3600_000).toISOString() }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual([{ field: 'visitedAt', message: '探访时间不能晚于现在' }]);
  });

  it('the worker’s worklist (我的探访) holds only their people inside their scope, due soonest first, with 超期 counted', async () => {
    await startedDaysAgo(unchosen.entitlementId, 35);
    for (const p of [scattered, unchosen]) {
      const res = await clerkA.post(`${base}/persons/${p.personId}/assign`, { workerUserId: workerA.userId });
      expect(res.statusCode, res.body).toBe(200);
    }
    // An assignment left over outside the worker's township (written behind the API's back) is not on the list.
    await t.owner.execute(
      sql`insert into visit_assignments (programme, person_id, division_code, worker_user_id, from_date)
        values ('tekun_scattered', ${inB.personId}, ${places.renchengVillageB}, ${workerA.userId}, ${today})`,
    );
    const list = await mine(workerA);
    expect(list.items.map((p) => p.personId)).toEqual([unchosen.personId, scattered.personId]);
    expect(list.counts).toMatchObject({ total: 2, overdue: 1 });
    expect(list.items[0]).toMatchObject({ state: 'overdue', workerName: expect.any(String) });

    const res = await workerA.post(`${base}/persons/${unchosen.personId}/visits`, visitBody());
    expect(res.statusCode).toBe(200);
    const after = await mine(workerA);
    expect(after.counts.overdue).toBe(0);
    expect(after.items.filter((p) => p.state === 'overdue')).toEqual([]);
    expect((await workerA.get(`${base}/mine?state=overdue`)).json().total).toBe(0);
  });

  it('a worker is assigned only from the person’s township, holding the visit permission', async () => {
    const res = await clerkA.post(`${base}/persons/${scattered.personId}/assign`, { workerUserId: clerkB.userId });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual([
      { field: 'workerUserId', message: '探访人员须为该对象所在乡镇（街道）持有探访权限的工作人员' },
    ]);
    const history = (await clerkA.get(`${base}/persons/${scattered.personId}`)).json<PersonVisitsAnswer>();
    expect(history.assignments).toHaveLength(1);
    expect(history.visits[0]).toMatchObject({ place: '本人家中', needs: '冬季取暖煤', followUp: '联系村委会送煤' });
  });

  it('Z2 visit counts by division: a township sees its villages, a county its townships, only inside the jurisdiction', async () => {
    const c = (await county.get(`${base}/counts`)).json<DivisionCountsAnswer>();
    expect(c.rows.map((r) => r.divisionCode)).toEqual([places.renchengTownshipA, places.renchengTownshipB]);
    expect(c.all.total).toBe(c.rows.reduce((s, r) => s + r.total, 0));
    expect(c.all.total).toBe((await plans(county)).total);
    const a = (await clerkA.get(`${base}/counts`)).json<DivisionCountsAnswer>();
    expect(a.rows).toEqual([
      expect.objectContaining({ divisionCode: places.renchengVillageA, divisionName: expect.any(String), total: 2 }),
    ]);
    const outside = await clerkA.get(`${base}/counts?divisionCode=${places.renchengTownshipB}`);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().message).toBe('所选行政区划不在您的管辖范围内');
  });

  it('Z1 a person of a visit programme outside the viewer’s scope is 404, as a missing one', async () => {
    const missing = await clerkB.get(`${base}/persons/987654321`);
    for (const res of [
      await clerkB.get(`${base}/persons/${scattered.personId}`),
      await clerkB.post(`${base}/persons/${scattered.personId}/visits`, visitBody()),
      await upload(clerkB, `${base}/persons/${scattered.personId}/photos`, 'a.png', png),
      await clerkB.post(`${base}/persons/${scattered.personId}/assign`, { workerUserId: clerkB.userId }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(missing.json());
    }
    expect(missing.json().message).toBe('探访对象不存在或不在您的管辖范围内');
    // A 集中供养 person is not in the programme: 404 too.
    expect((await clerkA.get(`${base}/persons/${centralised.personId}`)).statusCode).toBe(404);
  });

  it('a visit photo is taken only as JPG or PNG, judged by its content; it is read only inside the scope', async () => {
    const fake = await upload(workerA, `${base}/persons/${scattered.personId}/photos`, 'photo.jpg', pdf);
    expect(fake.statusCode).toBe(400);
    expect(fake.json().details.fields).toEqual([{ field: 'file', message: '探访照片只能是 JPG 或 PNG 图片' }]);
    const a = (await upload(workerA, `${base}/persons/${scattered.personId}/photos`, 'door.png', png)).json();
    const b = (await upload(workerA, `${base}/persons/${scattered.personId}/photos`, 'room.jpg', jpeg)).json();
    // Another user cannot attach the worker's uploads.
    const stolen = await clerkA.post(`${base}/persons/${scattered.personId}/visits`, visitBody({ photoFileIds: [a.fileId] }));
    expect(stolen.json().details.fields).toEqual([{ field: 'photoFileIds', message: '照片无效或已用于其他探访记录，请重新上传' }]);
    const res = await workerA.post(`${base}/persons/${scattered.personId}/visits`, visitBody({ photoFileIds: [a.fileId, b.fileId] }));
    expect(res.statusCode, res.body).toBe(200);
    const url = `${base}/visits/${res.json().id}/photos/${a.fileId}`;
    const shown = await county.get(url);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.rawPayload.equals(png)).toBe(true);
    expect((await clerkB.get(url)).statusCode).toBe(404);
    // A photo once taken is not taken again.
    const reused = await workerA.post(`${base}/persons/${scattered.personId}/visits`, visitBody({ photoFileIds: [a.fileId] }));
    expect(reused.statusCode).toBe(400);
  });

  it('the division list exports as xlsx with every row of the filter', async () => {
    const res = await county.get(`${base}/plans/export`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '姓名',
      '所在区划',
      '类别',
      '风险',
      '探访人员',
      '上次探访',
      '探访周期',
      '应探访日期',
      '状态',
    ]);
    expect(sheet.rowCount - 1).toBe((await plans(county)).total);
  });

  it('the existing roster is 分散供养 unconfirmed after the migration, and on the 供养方式待确认 list', async () => {
    const file = readdirSync('db/migrations').find((f) => /_visits\.sql$/.test(f))!;
    const statements = readFileSync(`db/migrations/${file}`, 'utf8').split('--> statement-breakpoint');
    const update = statements.find((s) => s.includes('UPDATE assistance_entitlements'))!;
    await t.owner.execute(
      sql`update assistance_entitlements set support_mode = null, support_mode_confirmed = null where id = ${inB.entitlementId}`,
    );
    await t.owner.execute(sql.raw(update.replace(/WHERE category = 'tekun'/, `WHERE category = 'tekun' AND id = ${inB.entitlementId}`)));
    expect((await entitlement(clerkB, inB.entitlementId)).supportMode).toMatchObject({ mode: 'scattered', confirmed: false, since: today });
    expect((await clerkB.get('/api/assistance/support-modes/pending')).json().items.map((i: { id: number }) => i.id)).toEqual([
      inB.entitlementId,
    ]);
    expect((await plans(clerkB)).items.map((p) => p.personId)).toEqual([inB.personId]);
  });
});
