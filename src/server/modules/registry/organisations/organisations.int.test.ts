/**
 * The organisation registry (docs/rules.md "The organisation registry"): each rule as the user meets it,
 * on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { rows } from '../../../platform/db/index.js';
import { startTestApp, places, type Client, type TestApp } from '../../../testing/harness.js';
import { creditCodeCheckChar } from '../../../../shared/validation/credit-code.js';
import { organisationImportHeaders } from '../../../../shared/registry/organisations.js';
import { auditActionLabel } from '../../../../shared/audit-actions.js';
import { shanghaiToday } from '../../../../shared/dates.js';

let t: TestApp;
let county: Client;
let countyY: Client;
const today = shanghaiToday();
let seq = 1;
/** A fresh valid credit code (GB 32100: 17 characters and the check character). */
const code = (prefix = '51') => {
  const first17 = `${prefix}370811MJ${String(seq++).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};

const registered = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  creditCode: code(),
  legalType: 'social_group',
  registrationAuthority: '济宁市任城区民政局',
  legalRepName: '王建国',
  address: '任城区古槐路 1 号',
  divisionCode: places.rencheng,
  ...extra,
});

function multipart(content: Buffer) {
  const boundary = '----orgs' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="orgs.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function sheet(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('组织名单');
  ws.addRow([...organisationImportHeaders]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  t = await startTestApp();
  county = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  countyY = await t.login({ roles: ['county_reviewer'], divisionCode: places.yanzhou });
});
afterAll(async () => t?.close());

describe('the organisation registry', () => {
  it('a credit code is validated: a wrong check character is refused with a message naming 统一社会信用代码', async () => {
    const good = code();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await county.post('/api/organisations', registered('济宁市任城区书法家协会', { creditCode: bad }));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(`统一社会信用代码校验位错误（按前 17 位应为 ${good[17]}）`);
    expect(res.json().details.fields[0].field).toBe('creditCode');

    const checked = await county.post('/api/organisations/validate-credit-code', { code: bad });
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toEqual({ valid: false, message: `统一社会信用代码校验位错误（按前 17 位应为 ${good[17]}）` });
    const short = await county.post('/api/organisations/validate-credit-code', { code: '91370800' });
    expect(short.json()).toEqual({ valid: false, message: '统一社会信用代码长度应为 18 位（当前 8 位）' });
    const ok = await county.post('/api/organisations/validate-credit-code', { code: good.toLowerCase() });
    expect(ok.json()).toEqual({ valid: true, message: `统一社会信用代码 ${good} 有效` });
  });

  it('a credit code is unique: the same organisation cannot be registered twice, however the code is typed', async () => {
    const first = await county.post('/api/organisations', registered('济宁市任城区摄影家协会'));
    expect(first.statusCode, first.body).toBe(200);
    const cc = first.json().creditCode as string;
    const again = await county.post('/api/organisations', registered('任城区摄影家协会（重复）', { creditCode: ` ${cc.toLowerCase()} ` }));
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toBe('统一社会信用代码已登记：该组织已在平台中，请勿重复登记');
    const checked = await county.post('/api/organisations/validate-credit-code', { code: cc });
    expect(checked.json()).toEqual({ valid: false, message: '统一社会信用代码已登记：该组织已在平台中，请勿重复登记' });
    const own = await county.post('/api/organisations/validate-credit-code', { code: cc, organisationId: first.json().id });
    expect(own.json().valid).toBe(true);
  });

  it('an unregistered team needs a parent organisation, and gets a platform number', async () => {
    const orphan = await county.post('/api/organisations', { name: '古槐街道邻里互助队', divisionCode: places.renchengTownshipA });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().details.fields[0]).toMatchObject({
      field: 'parentId',
      message: expect.stringContaining('未登记的团队（无统一社会信用代码）须选择上级组织'),
    });
    const parent = (await county.post('/api/organisations', registered('任城区志愿者协会'))).json();
    const team = await county.post('/api/organisations', {
      name: '古槐街道邻里互助队',
      parentId: parent.id,
      divisionCode: places.renchengTownshipA,
    });
    expect(team.statusCode, team.body).toBe(200);
    expect(team.json()).toMatchObject({
      creditCode: null,
      platformNo: `JM${String(team.json().id).padStart(8, '0')}`,
      legalTypeName: null,
      parentName: '任城区志愿者协会',
      statusName: '正常',
    });
    const detail = (await county.get(`/api/organisations/${parent.id}`)).json();
    expect(detail.children.map((c: { name: string }) => c.name)).toEqual(['古槐街道邻里互助队']);
    // Its parent cannot become its own child.
    const loop = await county.patch(`/api/organisations/${parent.id}`, {
      ...registered('任城区志愿者协会', { creditCode: parent.creditCode }),
      parentId: team.json().id,
      version: parent.version,
    });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().message).toBe('上级组织不能是本组织或其下级组织');
  });

  it('a 村（居）民委员会 is its division: no organisation is registered in its name', async () => {
    const res = await county.post('/api/organisations', registered('航运新村居民委员会', { divisionCode: places.renchengVillageA }));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('村（居）民委员会就是其行政区划，不另行登记为组织：请在“所在区划”中选择该村（社区）');
  });

  it('a status change is kept in the history (old → new, who, when) and audited with its Chinese label', async () => {
    const org = (await county.post('/api/organisations', registered('任城区老年体育协会'))).json();
    const res = await county.post(`/api/organisations/${org.id}/status`, {
      status: 'deregistered',
      on: today,
      reason: '会员大会决议解散',
      version: org.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'deregistered', statusName: '注销', statusOn: today });
    const history = (await county.get(`/api/organisations/${org.id}/history`)).json();
    expect(history[0]).toMatchObject({
      whatName: '状态',
      oldValue: '正常',
      newValue: `注销（${today}，会员大会决议解散）`,
      username: expect.any(String),
    });
    expect(history.at(-1)).toMatchObject({ whatName: '登记', newValue: '任城区老年体育协会' });
    const stale = await county.post(`/api/organisations/${org.id}/status`, {
      status: 'active',
      on: today,
      reason: '恢复',
      version: org.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('该组织已被他人修改，请刷新后重试');
    const role = await county.post(`/api/organisations/${org.id}/roles`, { role: 'volunteer_organisation', fromDate: today });
    expect(role.statusCode).toBe(409);
    expect(role.json().message).toBe('该组织已注销，不能增加平台角色');
    const [row] = await rows<{ action: string; details: { reason: string } }>(
      t.deps.database.db,
      sql`select action, details from audit_log where object_type = 'organisation' and object_id = ${String(org.id)}
        and action = 'organisation.status'`,
    );
    expect(auditActionLabel(row.action)).toBe('变更组织状态');
    expect(row.details.reason).toBe('会员大会决议解散');
  });

  it('a field correction is a history row with the old and the new value', async () => {
    const org = (await county.post('/api/organisations', registered('任城区围棋协会'))).json();
    const res = await county.patch(`/api/organisations/${org.id}`, {
      ...registered('济宁市任城区围棋协会', { creditCode: org.creditCode, legalRepName: '李明' }),
      version: org.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const history = (await county.get(`/api/organisations/${org.id}/history`)).json();
    expect(history.filter((e: { what: string }) => e.what !== 'created')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ whatName: '名称', oldValue: '任城区围棋协会', newValue: '济宁市任城区围棋协会' }),
        expect.objectContaining({ whatName: '法定代表人', oldValue: '王建国', newValue: '李明' }),
      ]),
    );
  });

  it('a reporting partner says whether it is a school, a hospital or a police station; a role is held once at a time', async () => {
    const school = (
      await county.post(
        '/api/organisations',
        registered('济宁市任城区实验小学', { creditCode: code('12'), legalType: 'public_institution' }),
      )
    ).json();
    const bare = await county.post(`/api/organisations/${school.id}/roles`, { role: 'reporting_partner', fromDate: today });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().message).toContain('强制报告责任单位请选择单位类别（学校、医院或派出所）');
    const ok = await county.post(`/api/organisations/${school.id}/roles`, {
      role: 'reporting_partner',
      partnerKind: 'school',
      fromDate: today,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ roleName: '强制报告责任单位', partnerKindName: '学校', toDate: null });
    const twice = await county.post(`/api/organisations/${school.id}/roles`, {
      role: 'reporting_partner',
      partnerKind: 'school',
      fromDate: today,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe(`该组织已具有“强制报告责任单位”角色（自 ${today} 起），不能重复增加`);
    const ended = await county.post(`/api/organisations/${school.id}/roles/${ok.json().id}/end`, { toDate: today });
    expect(ended.json()).toMatchObject({ toDate: today });
  });

  it("a foster family needs the contracting institution's children's welfare role, and the role does not end while a family is placed", async () => {
    const clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
    const h = await clerk.post('/api/households', {
      divisionCode: places.renchengVillageA,
      address: '航运新村 3 号楼 201',
      members: [
        {
          relation: 'head',
          person: { name: '寄养户主', noIdReason: '尚未落户', hukouDivisionCode: places.renchengVillageA, hukouType: 'urban' },
        },
      ],
    });
    expect(h.statusCode, h.body).toBe(200);
    const institution = (
      await county.post(
        '/api/organisations',
        registered('济宁市任城区儿童福利院', { creditCode: code('12'), legalType: 'public_institution' }),
      )
    ).json();
    const refused = await county.post(`/api/organisations/${institution.id}/foster-families`, {
      householdId: h.json().id,
      fromDate: today,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('只有在签约日具有“儿童福利机构”角色的组织才能签约寄养家庭');
    const role = (await county.post(`/api/organisations/${institution.id}/roles`, { role: 'children_welfare', fromDate: today })).json();
    const linked = await county.post(`/api/organisations/${institution.id}/foster-families`, { householdId: h.json().id, fromDate: today });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toEqual([
      expect.objectContaining({ householdId: h.json().id, headName: '寄养户主', fromDate: today, toDate: null }),
    ]);
    const endRole = await county.post(`/api/organisations/${institution.id}/roles/${role.id}/end`, { toDate: today });
    expect(endRole.statusCode).toBe(409);
    expect(endRole.json().message).toBe('该机构尚有在寄养的家庭，请先终止家庭寄养，再终止儿童福利机构角色');
    const endLink = await county.post(`/api/organisations/${institution.id}/foster-families/${linked.json()[0].id}/end`, { toDate: today });
    expect(endLink.json()[0]).toMatchObject({ toDate: today });
    expect((await county.post(`/api/organisations/${institution.id}/roles/${role.id}/end`, { toDate: today })).statusCode).toBe(200);
    const detail = (await county.get(`/api/organisations/${institution.id}`)).json();
    expect(detail.fosterFamilies).toHaveLength(1);
    expect(detail.roles[0]).toMatchObject({ roleName: '儿童福利机构', toDate: today });
  });

  it("an organisation outside the actor's division answers 404, as a missing one", async () => {
    const org = (await county.post('/api/organisations', registered('任城区象棋协会'))).json();
    const res = await countyY.get(`/api/organisations/${org.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('组织不存在或不在您的管辖范围内');
    expect((await countyY.get('/api/organisations?q=任城区象棋协会')).json().total).toBe(0);
  });

  it('the list filters by name, legal type, role, status and division, and the export holds the same rows', async () => {
    const org = (await county.post('/api/organisations', registered('任城区慈善超市联合会', { legalType: 'foundation' }))).json();
    await county.post(`/api/organisations/${org.id}/roles`, { role: 'charity_shop', fromDate: today });
    const page = (
      await county.get(
        `/api/organisations?q=${encodeURIComponent('慈善超市联合')}&legalType=foundation&role=charity_shop&status=active&divisionCode=370811`,
      )
    ).json();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ name: '任城区慈善超市联合会', legalTypeName: '基金会', currentRoles: ['慈善超市'] });
    expect((await county.get('/api/organisations?role=charity_shop&status=revoked')).json().total).toBe(0);
    const file = await county.get(`/api/organisations/export?q=${encodeURIComponent('慈善超市联合')}`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).getCell(1).value).toBe('任城区慈善超市联合会');
    expect(ws.rowCount).toBe(2);
  });

  it('an import with an error writes nothing and lists each error by row in Chinese; a good file is written whole', async () => {
    const template = await county.get('/api/organisations/template');
    const twb = new ExcelJS.Workbook();
    await twb.xlsx.load(template.rawPayload as never);
    expect((twb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual([...organisationImportHeaders]);

    const parentCode = code();
    const bad = await sheet([
      ['任城区青年志愿者协会', parentCode, '社会团体', '任城区民政局', '张三', '任城区', places.rencheng, null, '志愿服务组织', null],
      ['任城区青年志愿服务一队', null, null, null, null, null, places.renchengTownshipA, parentCode, null, null],
      ['错误协会', '91370800MA3ABCDE1X', '社会团体', null, null, null, places.rencheng, null, null, null],
      ['无上级的团队', null, null, null, null, null, places.rencheng, null, null, null],
      ['外区协会', code(), '社团', null, null, null, places.yanzhou, null, null, null],
    ]);
    const res = await county.inject({ method: 'POST', url: '/api/organisations/import', ...multipart(bad) });
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json();
    expect(answer.imported).toBe(0);
    expect(answer.errors.map((e: { message: string }) => e.message)).toEqual([
      expect.stringMatching(/^第 4 行：统一社会信用代码/),
      '第 5 行：未登记的团队（无统一社会信用代码）须选择上级组织',
      '第 6 行：法人类型“社团”不在列表中：请从下拉列表中选择',
      '第 6 行：请选择法人类型',
    ]);
    expect((await county.get(`/api/organisations?q=${encodeURIComponent('任城区青年志愿')}`)).json().total).toBe(0);

    const good = await sheet([
      ['任城区青年志愿者协会', parentCode, '社会团体', '任城区民政局', '张三', '任城区', places.rencheng, null, '志愿服务组织', null],
      ['任城区青年志愿服务一队', null, null, null, null, null, places.renchengTownshipA, parentCode, null, null],
    ]);
    const ok = await county.inject({ method: 'POST', url: '/api/organisations/import', ...multipart(good) });
    expect(ok.json()).toEqual({ imported: 2, errors: [] });
    const listed = (await county.get(`/api/organisations?q=${encodeURIComponent('任城区青年志愿')}`)).json();
    expect(listed.items.map((o: { name: string; parentName: string | null }) => [o.name, o.parentName])).toEqual([
      ['任城区青年志愿服务一队', '任城区青年志愿者协会'],
      ['任城区青年志愿者协会', null],
    ]);
    expect(listed.items[1].currentRoles).toEqual(['志愿服务组织']);
  });
});
