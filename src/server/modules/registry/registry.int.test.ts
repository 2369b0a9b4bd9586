import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { startTestApp, places, type TestApp, type Client } from '../../testing/harness.js';
import { rows } from '../../platform/db/index.js';
import { generateResidentId } from '../../../shared/validation/resident-id.js';

let t: TestApp;
let clerkA: Client;
let clerkB: Client;
let countyReviewer: Client;

const person = (idNumber: string, extra: Record<string, unknown> = {}) => ({
  name: '张三',
  idNumber,
  phone: '13912345678',
  hukouDivisionCode: places.renchengVillageA,
  hukouType: 'urban',
  ...extra,
});

beforeAll(async () => {
  t = await startTestApp();
  clerkA = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  clerkB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
  countyReviewer = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
});
afterAll(async () => t?.close());

describe('registry: persons', () => {
  it('registers a person with sex and birth date taken from the ID number, shown masked', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1980-05-17', seq: 123 });
    const res = await clerkA.post('/api/persons', person(id, { sex: 'female', birthDate: '2000-01-01' }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.sex).toBe('male');
    expect(body.birthDate).toBe('1980-05-17');
    expect(body.idNumberMasked).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
    expect(body.phoneMasked).toBe('139****5678');
    expect(JSON.stringify(body)).not.toContain(id);
  });

  it('refuses a second registration of the same ID number (one person per ID number)', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1975-03-02', seq: 44 });
    expect((await clerkA.post('/api/persons', person(id))).statusCode).toBe(200);
    const again = await clerkA.post('/api/persons', person(id.toLowerCase()));
    expect(again.statusCode).toBe(400);
    expect(again.json().details.fields[0]).toMatchObject({ field: 'idNumber', message: expect.stringContaining('已在人口库中登记') });
  });

  it('V1 rejects an ID number whose check digit is wrong with a Chinese message naming the field', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1990-01-01', seq: 5 });
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const res = await clerkA.post('/api/persons', person(wrong));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields[0].field).toBe('idNumber');
    expect(res.json().details.fields[0].message).toMatch(/校验/);
  });

  it('V1 accepts an ID number issued under a retired address code (370882, old 兖州市)', async () => {
    const id = generateResidentId({ addressCode: '370882', birthDate: '1966-08-08', seq: 71 });
    expect((await clerkA.post('/api/persons', person(id))).statusCode).toBe(200);
  });

  it('registers a person without an ID number when a reason is given, with a platform identifier', async () => {
    const res = await clerkA.post('/api/persons', {
      name: '无名氏',
      noIdReason: '身份不明的受助人员',
      hukouDivisionCode: places.renchengVillageA,
      hukouType: 'urban',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().platformId).toMatch(/^JM[0-9A-Z]{10}$/);
    expect(res.json().idNumberMasked).toBeNull();
  });

  it('finds a person by exact ID number and by name prefix', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1988-12-12', seq: 300 });
    await clerkA.post('/api/persons', person(id, { name: '欧阳明月' }));
    const byId = await clerkA.get(`/api/persons?idNumber=${id}`);
    expect(byId.json().total).toBe(1);
    expect(byId.json().items[0].name).toBe('欧阳明月');
    const byName = await clerkA.get(`/api/persons?name=${encodeURIComponent('欧阳')}`);
    expect(byName.json().items.map((p: { name: string }) => p.name)).toContain('欧阳明月');
  });

  it('Z1 a township-B user reading a township-A person by id gets 404, the same as a missing id', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1970-07-07', seq: 77 });
    const created = (await clerkA.post('/api/persons', person(id))).json();
    const other = await clerkB.get(`/api/persons/${created.id}`);
    const missing = await clerkB.get('/api/persons/999999999');
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(missing.json());
    expect((await countyReviewer.get(`/api/persons/${created.id}`)).statusCode).toBe(200);
  });

  it('a person or a household member without 城乡类别 is refused with a Chinese message naming the field, and nothing is stored', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1966-04-12', seq: 731 });
    const { hukouType: _omitted, ...withoutType } = person(id);
    const res = await clerkA.post('/api/persons', withoutType);
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields[0]).toMatchObject({ field: 'hukouType', message: expect.stringContaining('请选择城乡类别') });
    expect(res.json().message).toContain('城乡类别');
    const household = await clerkA.post('/api/households', {
      divisionCode: places.renchengVillageA,
      address: '航运新村 1 号楼 101',
      members: [{ relation: 'head', person: withoutType }],
    });
    expect(household.statusCode).toBe(400);
    expect(household.json().details.fields[0]).toMatchObject({
      field: 'members.0.person.hukouType',
      message: expect.stringContaining('请选择城乡类别（城镇或农村）'),
    });
    expect((await clerkA.get(`/api/persons?idNumber=${id}`)).json().total).toBe(0);
  });

  it("Z3 a write naming another jurisdiction's division is rejected and nothing is stored", async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1971-01-01', seq: 11 });
    const res = await clerkA.post('/api/persons', person(id, { hukouDivisionCode: places.renchengVillageB }));
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('管辖范围');
    expect((await countyReviewer.get(`/api/persons?idNumber=${id}`)).json().total).toBe(0);
  });

  it('Z5 a role without the unmask permission gets masked values and 403 on unmask', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1960-02-02', seq: 21 });
    const created = (await clerkA.post('/api/persons', person(id))).json();
    const village = await t.login({ roles: ['village_officer'], divisionCode: places.renchengVillageA });
    const seen = await village.get(`/api/persons/${created.id}`);
    expect(seen.json().idNumberMasked).not.toContain(id.slice(6, 14));
    expect((await village.post(`/api/persons/${created.id}/unmask`, { reason: '核对' })).statusCode).toBe(403);
  });

  it('unmasking needs a reason and is audited with it', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1961-03-03', seq: 31 });
    const created = (await clerkA.post('/api/persons', person(id, { healthNotes: '糖尿病' }))).json();
    const noReason = await clerkA.post(`/api/persons/${created.id}/unmask`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const res = await clerkA.post(`/api/persons/${created.id}/unmask`, { reason: '入户核查' });
    expect(res.json()).toEqual({ idNumber: id, phone: '13912345678', healthNotes: '糖尿病' });
    const [row] = await rows<{ details: { reason: string } }>(
      t.deps.database.db,
      sql`select details from audit_log where action = 'person.unmask' and object_id = ${String(created.id)}`,
    );
    expect(row.details.reason).toBe('入户核查');
  });

  it('D1 ID numbers and phones are ciphertext in the database and lookup by ID still works', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1955-05-05', seq: 55 });
    const created = (await clerkA.post('/api/persons', person(id))).json();
    const [raw] = await rows<Record<string, string>>(t.deps.database.db, sql`select * from persons where id = ${created.id}`);
    expect(JSON.stringify(raw)).not.toContain(id);
    expect(JSON.stringify(raw)).not.toContain('13912345678');
    expect((await clerkA.get(`/api/persons?idNumber=${id}`)).json().items[0].id).toBe(created.id);
  });

  it('D2 a flipped byte in a stored ciphertext is an integrity error, not garbage', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1956-06-06', seq: 66 });
    const created = (await clerkA.post('/api/persons', person(id))).json();
    const [raw] = await rows<{ id_number_enc: string }>(
      t.deps.database.db,
      sql`select id_number_enc from persons where id = ${created.id}`,
    );
    const parts = raw.id_number_enc.split(':');
    const ct = Buffer.from(parts[2], 'base64');
    ct[0] ^= 1;
    parts[2] = ct.toString('base64');
    await t.deps.database.db.execute(sql`update persons set id_number_enc = ${parts.join(':')} where id = ${created.id}`);
    const res = await clerkA.post(`/api/persons/${created.id}/unmask`, { reason: '核对' });
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe('INTEGRITY');
    expect(res.json().message).toContain('完整性');
  });

  it('V3 script and SQL payloads in names are stored as text', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1957-07-07', seq: 77 });
    // A newline in a name is refused (control characters, see the name tests below); in free text it is kept.
    const name = `<script>x</script>'; drop table persons;--伪造日志`;
    const healthNotes = `<img src=x onerror=alert(1)>\n伪造日志 level=info`;
    const res = await clerkA.post('/api/persons', person(id, { name, healthNotes }));
    expect(res.statusCode).toBe(200);
    expect((await clerkA.get(`/api/persons/${res.json().id}`)).json().name).toBe(name);
    expect((await clerkA.post(`/api/persons/${res.json().id}/unmask`, { reason: '核对' })).json().healthNotes).toBe(healthNotes);
  });

  it('updates a person with a version check: a stale version gets 409', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1958-08-08', seq: 88 });
    const created = (await clerkA.post('/api/persons', person(id))).json();
    const ok = await clerkA.patch(`/api/persons/${created.id}`, { name: '张三丰', version: created.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe('张三丰');
    const stale = await clerkA.patch(`/api/persons/${created.id}`, { name: '张四', version: created.version });
    expect(stale.statusCode).toBe(409);
  });
});

describe('registry: names', () => {
  it('a name with a zero-width space is refused with a Chinese message naming the field, and nothing is stored', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1959-09-09', seq: 91 });
    const res = await clerkA.post('/api/persons', person(id, { name: '李\u200b四' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual([{ field: 'name', message: 'name：姓名含有不可见字符（在“李”之后），请删除后重新输入' }]);
    expect((await clerkA.get(`/api/persons?idNumber=${id}`)).json().total).toBe(0);
  });

  it('a name with a bidi control or a newline is refused on update and for a household member too', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1959-10-10', seq: 92 });
    const created = (await clerkA.post('/api/persons', person(id))).json();
    const patched = await clerkA.patch(`/api/persons/${created.id}`, { name: '张\u202e三' });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().details.fields[0].field).toBe('name');
    const household = await clerkA.post('/api/households', {
      divisionCode: places.renchengVillageA,
      address: '某处 9 号',
      members: [
        {
          relation: 'head',
          person: person(generateResidentId({ addressCode: '370811', birthDate: '1959-11-11', seq: 93 }), { name: '王\n五' }),
        },
      ],
    });
    expect(household.statusCode).toBe(400);
    expect(household.json().details.fields[0]).toMatchObject({
      field: 'members.0.person.name',
      message: expect.stringContaining('姓名含有不可见字符'),
    });
  });

  it('a name entered with • is stored with the middle dot · and found by a search with ．', async () => {
    const id = generateResidentId({ addressCode: '370811', birthDate: '1962-04-04', seq: 94 });
    const res = await clerkA.post('/api/persons', person(id, { name: '买买提•艾力' }));
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('买买提·艾力');
    const [raw] = await rows<{ name: string }>(t.deps.database.db, sql`select name from persons where id = ${res.json().id}`);
    expect(raw.name).toBe('买买提·艾力');
    const found = await clerkA.get(`/api/persons?name=${encodeURIComponent('买买提．艾')}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((p: { id: number }) => p.id)).toContain(res.json().id);
    const byHead = await clerkA.get(`/api/persons?name=${encodeURIComponent('买买提・艾力')}`);
    expect(byHead.json().items.map((p: { id: number }) => p.id)).toContain(res.json().id);
  });
});

describe('registry: households and benefits', () => {
  it('creates a household with two members, one head, and shows their benefit records', async () => {
    const headId = generateResidentId({ addressCode: '370811', birthDate: '1970-01-01', seq: 501 });
    const spouseId = generateResidentId({ addressCode: '370811', birthDate: '1972-02-02', seq: 502 });
    const res = await clerkA.post('/api/households', {
      divisionCode: places.renchengVillageA,
      address: '航运新村 3 号楼 201',
      members: [
        { relation: 'head', person: person(headId, { name: '李大山' }) },
        { relation: 'spouse', person: person(spouseId, { name: '王小花', phone: null }) },
      ],
    });
    expect(res.statusCode).toBe(200);
    const h = res.json();
    expect(h.headName).toBe('李大山');
    expect(h.members.map((m: { name: string; relation: string }) => `${m.name}:${m.relation}`)).toEqual(['李大山:head', '王小花:spouse']);
    const spouse = h.members[1];
    const b = await clerkA.post('/api/benefits', {
      personId: spouse.id,
      type: 'disability_living',
      monthlyAmountFen: 8000,
      startMonth: '2026-01',
      source: 'agency',
    });
    expect(b.statusCode).toBe(200);
    const again = (await clerkA.get(`/api/households/${h.id}`)).json();
    expect(again.benefits).toEqual([expect.objectContaining({ personName: '王小花', monthlyAmountFen: 8000, typeName: '残疾人生活补贴' })]);
    expect((await clerkB.get(`/api/households/${h.id}`)).statusCode).toBe(404);
    const found = await clerkA.get(`/api/households?idNumber=${spouseId}`);
    expect(found.json().items[0].id).toBe(h.id);
    // A benefit recorded by hand is held to the ledger's rules: 低保 ✕ 特困 for the same person.
    const head = h.members[0];
    const dibao = { personId: head.id, type: 'dibao', monthlyAmountFen: 60000, startMonth: '2026-01', source: 'agency' };
    expect((await clerkA.post('/api/benefits', dibao)).statusCode).toBe(200);
    const clash = await clerkA.post('/api/benefits', { ...dibao, type: 'tekun', monthlyAmountFen: 120000, startMonth: '2026-03' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message).toBe('李大山 正在享受低保：同一人不能同时享受低保和特困供养，请先办理原待遇的调整或停发');
  });

  it('refuses a household without a head, naming the field', async () => {
    const res = await clerkA.post('/api/households', {
      divisionCode: places.renchengVillageA,
      address: '某处',
      members: [{ relation: 'spouse', person: person(generateResidentId({ addressCode: '370811', birthDate: '1980-01-01', seq: 600 })) }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields[0]).toEqual({ field: 'members', message: '请指定一名户主' });
  });

  it('a household whose second member is invalid stores nothing', async () => {
    const good = generateResidentId({ addressCode: '370811', birthDate: '1981-01-01', seq: 601 });
    const res = await clerkA.post('/api/households', {
      divisionCode: places.renchengVillageA,
      address: '某处 1 号',
      members: [
        { relation: 'head', person: person(good) },
        { relation: 'child', person: person('370811201001011230') },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields[0].field).toBe('members.1.person.idNumber');
    expect((await clerkA.get(`/api/persons?idNumber=${good}`)).json().total).toBe(0);
  });
});

/** Flips one bit of the ciphertext part of a stored field, behind the application's back. */
async function damage(column: 'id_number_enc' | 'phone_enc', personId: number): Promise<string> {
  const [raw] = await rows<Record<string, string>>(t.owner, sql`select ${sql.raw(column)} as v from persons where id = ${personId}`);
  const parts = raw.v.split(':');
  const ct = Buffer.from(parts[2], 'base64');
  ct[ct.length - 1] ^= 0x80;
  parts[2] = ct.toString('base64');
  await t.owner.execute(sql`update persons set ${sql.raw(column)} = ${parts.join(':')} where id = ${personId}`);
  return parts.join(':');
}

describe('registry: damaged ciphertexts (D7)', () => {
  const DAMAGED = '数据校验失败';
  const village = places.renchengVillageA;
  let household: { id: number; members: { id: number; name: string; platformId: string }[] };
  let victim: { id: number; platformId: string };
  let stored: string[];

  beforeAll(async () => {
    const res = await clerkA.post('/api/households', {
      divisionCode: village,
      address: '航运新村 7 号楼 101',
      members: [
        {
          relation: 'head',
          person: person(generateResidentId({ addressCode: '370811', birthDate: '1968-03-03', seq: 701 }), { name: '赵完好' }),
        },
        {
          relation: 'spouse',
          person: person(generateResidentId({ addressCode: '370811', birthDate: '1969-04-04', seq: 702 }), {
            name: '钱受损',
            phone: '13800001111',
          }),
        },
        {
          relation: 'child',
          person: person(generateResidentId({ addressCode: '370811', birthDate: '1995-05-05', seq: 703 }), {
            name: '孙完好',
            phone: '13800002222',
          }),
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    household = res.json();
    const spouse = household.members.find((m) => m.name === '钱受损')!;
    victim = { id: spouse.id, platformId: spouse.platformId };
    stored = [await damage('id_number_enc', victim.id), await damage('phone_enc', victim.id)];
  });

  const intact = (p: { idNumberMasked: string | null; phoneMasked: string | null }) => {
    expect(p.idNumberMasked ?? '370811********0000').toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    if (p.phoneMasked !== null) expect(p.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$|^\d{3}\*+\d{2}$/);
  };
  /** Persons of the village whose stored ID number or phone fails verification (the D2 test damages one too). */
  const damagedInDb = async () => {
    const all = await rows<{ platform_id: string; id_number_enc: string | null; phone_enc: string | null }>(
      t.owner,
      sql`select platform_id, id_number_enc, phone_enc from persons where hukou_division_code = ${village}`,
    );
    const bad = (v: string | null) => v !== null && t.deps.cipher.tryDecrypt(v) === null;
    return new Map(all.map((r) => [r.platform_id, { id: bad(r.id_number_enc), phone: bad(r.phone_enc) }]));
  };

  it("D7 the village's persons list answers 200: only the damaged fields read 数据校验失败, the other persons are intact", async () => {
    const res = await clerkA.get(`/api/persons?divisionCode=${village}&pageSize=200`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      id: number;
      platformId: string;
      name: string;
      idNumberMasked: string | null;
      phoneMasked: string | null;
    }[];
    const damaged = items.find((p) => p.id === victim.id)!;
    expect(damaged).toMatchObject({ name: '钱受损', idNumberMasked: DAMAGED, phoneMasked: DAMAGED });
    const inDb = await damagedInDb();
    const others = items.filter((p) => !inDb.get(p.platformId)!.id && !inDb.get(p.platformId)!.phone);
    expect(others.length).toBeGreaterThanOrEqual(items.length - 2);
    for (const p of others) intact(p);
    // Exactly the damaged fields read 数据校验失败.
    for (const p of items)
      expect([p.idNumberMasked === DAMAGED, p.phoneMasked === DAMAGED]).toEqual([
        inDb.get(p.platformId)!.id,
        inDb.get(p.platformId)!.phone,
      ]);
  });

  it('D7 the export answers 200 with 数据校验失败 in the damaged cells and every other row intact', async () => {
    const res = await clerkA.get(`/api/persons/export?divisionCode=${village}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const col = (h: string) => headers.indexOf(h);
    const lines: Record<string, string>[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      lines.push({
        platformId: String(row.getCell(col('平台编号')).value),
        name: String(row.getCell(col('姓名')).value),
        id: String(row.getCell(col('身份证号')).value ?? ''),
        phone: String(row.getCell(col('联系电话')).value ?? ''),
      });
    });
    const damaged = lines.find((l) => l.platformId === victim.platformId)!;
    expect(damaged).toMatchObject({ name: '钱受损', id: DAMAGED, phone: DAMAGED });
    const inDb = await damagedInDb();
    expect(lines.length).toBe(inDb.size);
    for (const l of lines)
      expect([l.id === DAMAGED, l.phone === DAMAGED]).toEqual([inDb.get(l.platformId)!.id, inDb.get(l.platformId)!.phone]);
    for (const l of lines.filter((l) => !inDb.get(l.platformId)!.id)) expect(l.id).toMatch(/^\d{6}\*{8}[\dX]{4}$|^无（/);
    expect(lines.find((l) => l.name === '孙完好')).toMatchObject({
      phone: '138****2222',
      id: expect.stringMatching(/^370811\*{8}\d{3}[\dX]$/),
    });
  });

  it('D7 the household page and the person page answer 200 with the damaged fields as 数据校验失败', async () => {
    const h = await clerkA.get(`/api/households/${household.id}`);
    expect(h.statusCode).toBe(200);
    const members = h.json().members as { id: number; name: string; idNumberMasked: string; phoneMasked: string | null }[];
    expect(members.find((m) => m.id === victim.id)).toMatchObject({ idNumberMasked: DAMAGED, phoneMasked: DAMAGED });
    for (const m of members.filter((m) => m.id !== victim.id)) intact(m);
    expect(members.find((m) => m.name === '孙完好')!.phoneMasked).toBe('138****2222');
    const p = await clerkA.get(`/api/persons/${victim.id}`);
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({ name: '钱受损', idNumberMasked: DAMAGED, phoneMasked: DAMAGED, household: { id: household.id } });
  });

  it('D7 each damaged field is audited with the object type and id, never the ciphertext', async () => {
    await clerkA.get(`/api/persons/${victim.id}`);
    await t.deps.readAudit.flush();
    const found = await rows<{ object_type: string; object_id: string; outcome: string; details: { field: string } }>(
      t.deps.database.db,
      sql`select object_type, object_id, outcome, details from audit_log where action = 'crypto.integrity_failed' and object_id =
        ${String(victim.id)}`,
    );
    expect(new Set(found.map((r) => `${r.object_type}:${r.object_id}:${r.details.field}:${r.outcome}`))).toEqual(
      new Set([`person:${victim.id}:idNumber:failed`, `person:${victim.id}:phone:failed`]),
    );
    const text = JSON.stringify(found);
    for (const s of stored) expect(text).not.toContain(s.split(':')[2]);
  });

  it('D7 an explicit unmask of the damaged record still fails with the integrity error, and an update must re-enter the field', async () => {
    const res = await clerkA.post(`/api/persons/${victim.id}/unmask`, { reason: '核对' });
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe('INTEGRITY');
    expect(JSON.stringify(res.json())).not.toContain(DAMAGED);
    const current = (await clerkA.get(`/api/persons/${victim.id}`)).json();
    const rename = await clerkA.patch(`/api/persons/${victim.id}`, { name: '钱受损甲', version: current.version });
    expect(rename.statusCode).toBe(400);
    expect(rename.json().details.fields[0]).toMatchObject({
      field: 'idNumber',
      message: expect.stringContaining('原身份证号数据校验失败'),
    });
    const fixed = await clerkA.patch(`/api/persons/${victim.id}`, {
      idNumber: generateResidentId({ addressCode: '370811', birthDate: '1969-04-04', seq: 702 }),
      phone: '13800001111',
      version: current.version,
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({ idNumberMasked: expect.stringMatching(/^370811\*{8}/), phoneMasked: '138****1111' });
  });
});
