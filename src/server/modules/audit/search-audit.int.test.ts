/** The audit log as the auditor searches and exports it: filters by one action or a group, in words. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, places, type Client, type TestApp } from '../../testing/harness.js';
import { audit } from '../../platform/audit/audit.js';

let t: TestApp;
let aud: Client;
const system = { actor: null, ip: '10.9.8.7' };

beforeAll(async () => {
  t = await startTestApp();
  const db = t.deps.database.db;
  await audit(db, system, {
    action: 'assistance.entitlement.stop',
    objectType: 'assistance_entitlement',
    objectId: 11,
    details: { effectiveMonth: '2026-07', afterNotice: '2026-06-20' },
  });
  await audit(db, system, {
    action: 'assistance.entitlement.stop_notice',
    objectType: 'assistance_entitlement',
    objectId: 12,
    details: { effectiveMonth: '2026-08', noticeEnds: '2026-07-07' },
  });
  await audit(db, system, {
    action: 'assistance.roll.build',
    objectType: 'assistance_roll',
    objectId: 3,
    details: { countyCode: places.rencheng, month: '2026-07' },
  });
  await audit(db, system, {
    action: 'assistance.roll.approve',
    objectType: 'assistance_roll',
    objectId: 3,
    details: { lines: 3, totalFen: 163500 },
  });
  await audit(db, system, {
    action: 'assistance.request_check',
    objectType: 'assistance_case',
    objectId: 7,
    details: { caseNo: '2026D0000007', from: 'accepted', to: 'checking' },
  });
  aud = await t.login({ roles: ['auditor'], divisionCode: places.city });
});
afterAll(async () => t?.close());

const actions = async (query: string) =>
  ((await aud.get(`/api/audit?${query}`)).json() as { items: { action: string }[] }).items.map((i) => i.action);

describe('searching the audit log', () => {
  it('an action filter finds that action only, not the actions whose codes begin with it', async () => {
    expect(await actions('action=assistance.entitlement.stop')).toEqual(['assistance.entitlement.stop']);
    // The start of codes, as older links have it, still finds them all.
    expect(await actions('action=assistance.entitlement.')).toEqual(['assistance.entitlement.stop_notice', 'assistance.entitlement.stop']);
  });

  it('a group of the action filter finds every action of the group', async () => {
    expect(await actions('module=assistance_roll')).toEqual(['assistance.roll.approve', 'assistance.roll.build']);
    expect(await actions('module=assistance_case')).toEqual(['assistance.request_check']);
  });

  it('an action or group no code writes is refused in Chinese', async () => {
    const bad = await aud.get('/api/audit?action=assistance.nothing');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('没有这种操作');
    expect((await aud.get('/api/audit?module=nowhere')).statusCode).toBe(400);
  });

  it('the list carries the full names of the divisions its details name', async () => {
    const page = (await aud.get('/api/audit?action=assistance.roll.build')).json() as { divisions: Record<string, string> };
    expect(page.divisions[places.rencheng]).toContain('任城区');
  });

  it('the export reads in Chinese: action labels, the object with its case number, details in 元 and names', async () => {
    const res = await aud.get('/api/audit/export?action=assistance.');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows = new Map<string, Record<string, string>>();
    sheet.eachRow((r, n) => {
      if (n === 1) return;
      const cells = (r.values as unknown[]).slice(1).map((v) => String(v ?? ''));
      const rec = Object.fromEntries(header.map((h, i) => [String(h), cells[i]]));
      rows.set(rec['操作代码'], rec);
    });
    expect(rows.get('assistance.roll.approve')).toMatchObject({
      操作: '审核通过发放名册',
      对象: '发放名册 #3',
      结果: '成功',
      详情: '名册行数：3 行；合计金额：1,635.00 元',
    });
    expect(rows.get('assistance.request_check')).toMatchObject({
      操作: '发起家庭经济状况核对',
      对象: '救助案件 2026D0000007（#7）',
      详情: '原状态：已受理（待核对）；新状态：经济状况核对中',
    });
    expect(rows.get('assistance.roll.build')?.['详情']).toMatch(/^地区：.*任城区；月份：2026年7月$/);
    for (const r of rows.values()) expect(r['详情']).not.toMatch(/[{}]|Fen：/);
  });
});
