import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
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
    const res = await clerkA.post('/api/persons', { name: '无名氏', noIdReason: '身份不明的受助人员', hukouDivisionCode: places.renchengVillageA, hukouType: 'urban' });
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

  it('Z3 a write naming another jurisdiction\'s division is rejected and nothing is stored', async () => {
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
    const [row] = await rows<{ details: { reason: string } }>(t.deps.database.db, sql`select details from audit_log where action = 'person.unmask' and object_id = ${String(created.id)}`);
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
    const [raw] = await rows<{ id_number_enc: string }>(t.deps.database.db, sql`select id_number_enc from persons where id = ${created.id}`);
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
    const name = `<script>x</script>'; drop table persons;--\n伪造日志`;
    const res = await clerkA.post('/api/persons', person(id, { name }));
    expect(res.statusCode).toBe(200);
    expect((await clerkA.get(`/api/persons/${res.json().id}`)).json().name).toBe(name);
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
    const b = await clerkA.post('/api/benefits', { personId: spouse.id, type: 'disability_living', monthlyAmountFen: 8000, startMonth: '2026-01', source: 'agency' });
    expect(b.statusCode).toBe(200);
    const again = (await clerkA.get(`/api/households/${h.id}`)).json();
    expect(again.benefits).toEqual([expect.objectContaining({ personName: '王小花', monthlyAmountFen: 8000, typeName: '残疾人生活补贴' })]);
    expect((await clerkB.get(`/api/households/${h.id}`)).statusCode).toBe(404);
    const found = await clerkA.get(`/api/households?idNumber=${spouseId}`);
    expect(found.json().items[0].id).toBe(h.id);
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
