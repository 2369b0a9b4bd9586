/**
 * 部门比对名单 (docs/rules.md "Agency files"): an agency's list of deaths or hukou changes is matched by
 * ID number inside the uploader's jurisdiction; the unmatched and conflicting lines are listed for a
 * clerk and nothing is applied until the clerk applies it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { rows } from '../../../platform/db/index.js';
import { startTestApp, places, type TestApp, type Client } from '../../../testing/harness.js';
import { addDays, shanghaiToday } from '../../../../shared/dates.js';
import { generateResidentId } from '../../../../shared/validation/resident-id.js';
import { agencyFileHeaders, type AgencyFileKind } from '../../../../shared/registry/agency-files.js';

let t: TestApp;
let clerk: Client;
let county: Client;
let other: Client;
const today = shanghaiToday();
const yesterday = addDays(today, -1);
let seq = 300;

beforeAll(async () => {
  t = await startTestApp();
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  // A county's staff with the registry's permissions (the roles are per permission, not per level).
  county = await t.login({ roles: ['township_clerk'], divisionCode: places.rencheng });
  other = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
});
afterAll(async () => t?.close());

const wrongCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
const newId = (birth = '1940-03-03') => generateResidentId({ addressCode: '370811', birthDate: birth, seq: seq++ });

/** A person registered in a household of the township's village; returns the id and ID number. */
async function person(name: string, village = places.renchengVillageA, by = clerk) {
  const idNumber = newId();
  const res = await by.post('/api/households', {
    divisionCode: village,
    address: `比对路 ${seq} 号`,
    members: [{ relation: 'head', person: { name, idNumber, hukouDivisionCode: village, hukouType: 'rural' } }],
  });
  expect(res.statusCode, res.body).toBe(200);
  return { id: (res.json() as { members: { id: number }[] }).members[0].id as number, idNumber };
}

async function workbook(kind: AgencyFileKind, lines: (string | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow([...agencyFileHeaders[kind]]);
  for (const l of lines) ws.addRow(l);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(content: Buffer, name: string) {
  const boundary = '----jimin' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(by: Client, kind: AgencyFileKind, lines: (string | null)[][], agency = 'police') {
  const { payload, headers } = multipart(await workbook(kind, lines), `${kind}.xlsx`);
  const res = await by.inject({ method: 'POST', url: `/api/agency-files?kind=${kind}&agency=${agency}`, payload, headers });
  expect(res.statusCode, res.body).toBe(200);
  await t.deps.jobs.drain();
  return res.json().agencyFileId as number;
}

type Line = { id: number; rowNumber: number; outcome: string; outcomeName: string; problem: string | null; applicableWithNote: boolean };
const lines = async (by: Client, file: number, outcome?: string): Promise<Line[]> =>
  (await by.get(`/api/agency-files/${file}/lines?pageSize=200${outcome ? `&outcome=${outcome}` : ''}`)).json().items;
const diedOn = async (id: number) => (await clerk.get(`/api/persons/${id}`)).json().diedOn as string | null;

describe('agency files', () => {
  it('an agency death file is matched by ID number and nothing is applied until the clerk applies it', async () => {
    const a = await person('比对甲');
    const b = await person('比对乙');
    const file = await upload(clerk, 'deaths', [
      ['比对甲', a.idNumber, yesterday, '济宁市第一人民医院', 'S0001', null],
      ['比对乙', b.idNumber, yesterday, null, null, 'H0002'],
    ]);
    const summary = (await clerk.get(`/api/agency-files/${file}`)).json();
    expect(summary).toMatchObject({ status: 'ready', statusName: '比对完成', kindName: '死亡名单', agencyName: '公安机关' });
    expect(summary.counts).toMatchObject({ total: 2, matched: 2 });
    expect((await lines(clerk, file)).map((l) => l.outcomeName)).toEqual(['可登记', '可登记']);
    // Matched is not applied.
    expect(await diedOn(a.id)).toBeNull();

    const applied = await clerk.post(`/api/agency-files/${file}/apply`, {});
    expect(applied.statusCode, applied.body).toBe(200);
    await t.deps.jobs.drain();
    expect(await diedOn(a.id)).toBe(yesterday);
    expect(await diedOn(b.id)).toBe(yesterday);
    expect((await clerk.get(`/api/agency-files/${file}`)).json().counts).toMatchObject({ applied: 2, matched: 0 });
    const history = (await clerk.get(`/api/persons/${a.id}/life`)).json().events;
    expect(history[0]).toMatchObject({ kind: 'death', sourceName: '部门比对文件', evidence: expect.stringContaining('第 2 行') });
  });

  it('an agency file lists unmatched, invalid, duplicate and conflicting lines with the reason in Chinese', async () => {
    const dead = await person('已故丙');
    expect((await clerk.post(`/api/persons/${dead.id}/death`, { diedOn: yesterday })).statusCode).toBe(200);
    const otherDate = await person('已故丁');
    expect((await clerk.post(`/api/persons/${otherDate.id}/death`, { diedOn: addDays(today, -10) })).statusCode).toBe(200);
    const renamed = await person('王小明');
    const elsewhere = await person('外乡戊', places.renchengVillageB, other);
    const file = await upload(clerk, 'deaths', [
      ['未登记', newId(), yesterday, null, null, null],
      ['错号', wrongCheckDigit(newId()), yesterday, null, null, null],
      ['已故丙', dead.idNumber, yesterday, null, null, null],
      ['已故丁', otherDate.idNumber, yesterday, null, null, null],
      ['王晓明', renamed.idNumber, yesterday, null, null, null],
      ['外乡戊', elsewhere.idNumber, yesterday, null, null, null],
      ['未来', newId(), addDays(today, 1), null, null, null],
    ]);
    const all = await lines(clerk, file);
    expect(all.map((l) => [l.rowNumber, l.outcomeName])).toEqual([
      [2, '未匹配'],
      [3, '数据有误'],
      [4, '已登记过'],
      [5, '有冲突'],
      [6, '有冲突'],
      [7, '未匹配'],
      [8, '数据有误'],
    ]);
    expect(all[0].problem).toBe('人口库中没有该公民身份号码的人员（或不在您的管辖范围内）');
    expect(all[1].problem).toContain('公民身份号码：校验位错误');
    expect(all[2].problem).toBe(`人口库已于 ${yesterday} 登记死亡`);
    expect(all[3].problem).toContain(`人口库登记的死亡日期为 ${addDays(today, -10)}，与名单不一致`);
    expect(all[4]).toMatchObject({ problem: '姓名不一致：人口库为「王小明」', applicableWithNote: true });
    // A person of another township is not told apart from one the registry lacks.
    expect(all[5].problem).toBe(all[0].problem);
    expect(all[6].problem).toBe('死亡日期不能晚于今天');
    expect(await diedOn(renamed.id)).toBeNull();
  });

  it('a conflicting line whose only problem is the name is applied only with the clerk’s note', async () => {
    const p = await person('李建国');
    const file = await upload(clerk, 'deaths', [['李健国', p.idNumber, yesterday, null, 'S9', null]], 'health');
    const [line] = await lines(clerk, file);
    const bare = await clerk.post(`/api/agency-files/${file}/apply`, { lineIds: [line.id] });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('第 2 行姓名与人口库不一致，登记前请填写核实说明');
    // Applying "all" leaves the conflict alone.
    expect((await clerk.post(`/api/agency-files/${file}/apply`, {})).statusCode).toBe(200);
    await t.deps.jobs.drain();
    expect(await diedOn(p.id)).toBeNull();
    const noted = await clerk.post(`/api/agency-files/${file}/apply`, { lineIds: [line.id], note: '经核对户籍底册，名单姓名录入错误' });
    expect(noted.statusCode, noted.body).toBe(200);
    await t.deps.jobs.drain();
    expect(await diedOn(p.id)).toBe(yesterday);
    const [after] = await lines(clerk, file);
    expect(after).toMatchObject({ outcomeName: '已登记', decisionNote: '经核对户籍底册，名单姓名录入错误' });
  });

  it('an agency file line the registry refuses at the time of applying waits for the clerk with the reason', async () => {
    const p = await person('窗口已登');
    const file = await upload(clerk, 'deaths', [['窗口已登', p.idNumber, yesterday, null, null, null]]);
    expect((await clerk.post(`/api/persons/${p.id}/death`, { diedOn: addDays(today, -2) })).statusCode).toBe(200);
    expect((await clerk.post(`/api/agency-files/${file}/apply`, {})).statusCode).toBe(200);
    await t.deps.jobs.drain();
    const [line] = await lines(clerk, file);
    expect(line).toMatchObject({ outcomeName: '有冲突', problem: `人口库已于 ${addDays(today, -2)} 登记死亡` });
    expect(await diedOn(p.id)).toBe(addDays(today, -2));
  });

  it('dismissed lines need a reason and are kept with it', async () => {
    const file = await upload(clerk, 'deaths', [['查无此人', newId(), yesterday, null, null, null]]);
    const [line] = await lines(clerk, file);
    const none = await clerk.post(`/api/agency-files/${file}/dismiss`, { lineIds: [line.id], reason: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('请填写忽略原因');
    const ok = await clerk.post(`/api/agency-files/${file}/dismiss`, { lineIds: [line.id], reason: '非本辖区户籍，已退回公安' });
    expect(ok.json()).toEqual({ dismissed: 1 });
    expect((await lines(clerk, file))[0]).toMatchObject({ outcomeName: '已忽略', decisionNote: '非本辖区户籍，已退回公安' });
  });

  it('an agency hukou file moves a person out of the city and another within it, after the clerk applies it', async () => {
    const out = await person('迁出己');
    const within = await person('迁入庚');
    const file = await upload(county, 'hukou', [
      ['迁出己', out.idNumber, '迁出', yesterday, null, '江苏省徐州市'],
      ['迁入庚', within.idNumber, '迁入', yesterday, places.renchengVillageB, '任城区许庄街道'],
      ['迁入辛', newId(), '迁入', yesterday, places.yanzhouVillage, '外省'],
    ]);
    const all = await lines(county, file);
    expect(all.map((l) => l.outcomeName)).toEqual(['可登记', '可登记', '数据有误']);
    expect(all[2].problem).toBe(`迁入地 ${places.yanzhouVillage} 不在您的管辖范围内`);
    expect((await county.post(`/api/agency-files/${file}/apply`, {})).statusCode).toBe(200);
    await t.deps.jobs.drain();
    const moved = (await county.get(`/api/persons/${within.id}`)).json();
    expect(moved.hukouDivisionCode).toBe(places.renchengVillageB);
    const [gone] = await rows<{ moved_out_on: string | null }>(
      t.deps.database.db,
      sql`select moved_out_on::text from persons where id = ${out.id}`,
    );
    expect(gone.moved_out_on).toBe(yesterday);
  });

  it('an agency file is seen by its uploader’s level and above only: 404 for a township of its county, the list empty', async () => {
    const file = await upload(county, 'deaths', [['县级名单', newId(), yesterday, null, null, null]]);
    for (const url of [`/api/agency-files/${file}`, `/api/agency-files/${file}/lines`, `/api/agency-files/${file}/export`])
      expect((await clerk.get(url)).statusCode).toBe(404);
    expect((await clerk.post(`/api/agency-files/${file}/apply`, {})).statusCode).toBe(404);
    expect((await clerk.get('/api/agency-files')).json().items.map((f: { id: number }) => f.id)).not.toContain(file);
    expect((await county.get('/api/agency-files')).json().items.map((f: { id: number }) => f.id)).toContain(file);
  });

  it('an agency file with another kind’s columns is refused at once with a Chinese message; the template downloads', async () => {
    const { payload, headers } = multipart(await workbook('hukou', []), 'wrong.xlsx');
    const res = await clerk.inject({ method: 'POST', url: '/api/agency-files?kind=deaths&agency=funeral', payload, headers });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('表头');
    const template = await clerk.get('/api/agency-files/template?kind=deaths');
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, ...agencyFileHeaders.deaths]);
    const xlsx = await clerk.get(
      `/api/agency-files/${await upload(clerk, 'deaths', [['导出', newId(), yesterday, null, null, null]])}/export`,
    );
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
