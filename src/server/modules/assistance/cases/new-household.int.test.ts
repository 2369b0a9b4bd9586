/**
 * A resident whose household is not registered applies online with the household proposed (issue
 * 10): nothing enters the registry until a clerk of the village's township accepts the case; the
 * acceptance registers the household and its members once, linking a member the registry already
 * has (一数一源), and the case is that household's from then on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, places, type Client, type TestApp } from '../../../testing/harness.js';
import { rows } from '../../../platform/db/index.js';
import { generateResidentId } from '../../../../shared/validation/resident-id.js';
import { monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { open, step } from '../testing.js';

let t: TestApp;
let clerkA: Client;
let clerkB: Client;
let seq = 400;
const nextId = (birthDate = '1960-03-04') => generateResidentId({ addressCode: '370811', birthDate, seq: seq++ });

beforeAll(async () => {
  t = await startTestApp();
  clerkA = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  clerkB = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
});
afterAll(async () => t?.close());

/** A resident as a sign-up leaves them: a registry person without a household, and their portal account. */
async function resident(name: string, village = places.renchengVillageA) {
  const idNumber = nextId('1950-07-08');
  const p = await clerkA.post('/api/persons', { name, idNumber, hukouDivisionCode: village, hukouType: 'urban' });
  expect(p.statusCode, p.body).toBe(200);
  return { person: p.json(), idNumber, client: await t.loginResident({ personId: p.json().id, divisionCode: village }) };
}

/** An 急难型 临时救助 application with the household proposed: the resident, and `others` by name and ID number. */
function emergency(others: { name: string; idNumber: string; relation: string }[], extra: Record<string, unknown> = {}) {
  return {
    category: 'temporary',
    temporaryType: 'emergency',
    requestedAmountFen: 200000,
    address: '航运新村 12 号楼 3 单元 101',
    hukouType: 'urban',
    members: [
      { self: true, relation: 'head', covered: true, incomes: [] },
      ...others.map((o) => ({ ...o, covered: true, incomes: o.relation === 'spouse' ? [{ kind: 'wage', monthlyFen: 80000 }] : [] })),
    ],
    reason: '家中失火，房屋和家具烧毁，暂无住处',
    commitmentSigned: true,
    checkAuthorised: true,
    bankName: '济宁银行任城支行',
    bankAccount: '6217001234567000001',
    ...extra,
  };
}

const personsWith = async (idNumber: string) =>
  rows<{ id: number | string; household_id: number | string | null }>(
    t.deps.database.db,
    sql`select id, household_id from persons where id_number_hash = ${t.deps.cipher.lookupHash(idNumber)}`,
  );

describe('applying with a household the registry does not have', () => {
  it('a resident without a household applies for 急难型临时救助; the clerk accepts it and the household is registered, once', async () => {
    const me = await resident('王秀英');
    const spouse = { name: '李建国', idNumber: nextId('1948-11-02'), relation: 'spouse' };
    const grandchild = { name: '李小雨', idNumber: nextId('2012-05-20'), relation: 'grandchild' };

    const pre = (await me.client.get('/api/portal/assistance/prefill?category=temporary')).json();
    expect(pre).toMatchObject({
      householdId: null,
      applicantPersonId: me.person.id,
      newHousehold: { divisionCode: places.renchengVillageA, hukouType: 'urban' },
    });
    expect(pre.members).toEqual([
      expect.objectContaining({
        self: true,
        personId: me.person.id,
        name: '王秀英',
        relation: 'head',
        idNumberMasked: me.person.idNumberMasked,
      }),
    ]);

    const body = emergency([spouse, grandchild]);
    const sent = await me.client.post('/api/portal/assistance/new-household', body, { 'idempotency-key': 'fire-1' });
    expect(sent.statusCode, sent.body).toBe(200);
    const again = await me.client.post('/api/portal/assistance/new-household', body, { 'idempotency-key': 'fire-1' });
    expect(again.json().id).toBe(sent.json().id);
    const id = sent.json().id;
    expect((await me.client.get('/api/portal/assistance')).json()).toEqual([
      expect.objectContaining({ id, status: 'submitted', householdProposed: true }),
    ]);
    // A second application while this one waits: the household is registered once, by this one.
    const second = await me.client.post('/api/portal/assistance/new-household', {
      ...emergency([spouse]),
      category: 'dibao',
      temporaryType: undefined,
      requestedAmountFen: undefined,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain('您已有一份待受理的申请');

    // Nothing in the registry yet; the clerk sees the proposal, with ID numbers masked and no ciphertext.
    expect(await personsWith(spouse.idNumber)).toEqual([]);
    const raw = await clerkA.get(`/api/assistance/cases/${id}`);
    expect(raw.statusCode).toBe(200);
    const proposed = raw.json();
    expect(proposed).toMatchObject({
      status: 'submitted',
      householdId: null,
      channel: 'online',
      applicantName: '王秀英',
      divisionCode: places.renchengVillageA,
    });
    expect(proposed.application.proposedHousehold).toMatchObject({
      divisionCode: places.renchengVillageA,
      address: '航运新村 12 号楼 3 单元 101',
      hukouType: 'urban',
      members: [
        { self: true, name: '王秀英', relation: 'head', idNumberMasked: me.person.idNumberMasked },
        {
          self: false,
          name: '李建国',
          relation: 'spouse',
          idNumberMasked: `${spouse.idNumber.slice(0, 6)}********${spouse.idNumber.slice(-4)}`,
          birthDate: '1948-11-02',
        },
        { self: false, name: '李小雨', relation: 'grandchild', birthDate: '2012-05-20' },
      ],
    });
    expect(proposed.application.pendingMembers[1]).toEqual({ covered: true, incomes: [{ kind: 'wage', monthlyFen: 80000 }] });
    expect(raw.body).not.toContain(spouse.idNumber);
    expect(raw.body).not.toContain('proposalIdNumbersEnc');

    // Out of the village's township: the same answer as a case that does not exist.
    expect((await clerkB.get(`/api/assistance/cases/${id}`)).statusCode).toBe(404);
    expect((await clerkB.post(`/api/assistance/cases/${id}/actions/accept`, { version: proposed.version })).statusCode).toBe(404);
    // 济时救 pays a registered household: accept first.
    const early = await step(clerkA, id, 'pay_first', { data: { amountFen: 100000 } });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toBe('申请人的家庭尚未登记：请先核实申请表中的家庭信息并「受理」');

    const accepted = await step(clerkA, id, 'accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    const c = await open(clerkA, id);
    expect(c.status).toBe('accepted');
    expect(c.householdId).toEqual(expect.any(Number));
    expect(c.members.map((m: { name: string }) => m.name).sort()).toEqual(['李小雨', '李建国', '王秀英']);
    expect(c.application.members.map((m: { personId: number }) => m.personId).sort()).toEqual(
      c.members.map((m: { personId: number }) => m.personId).sort(),
    );
    expect(c.application.members.find((m: { personId: number }) => m.personId === me.person.id)).toMatchObject({ covered: true });
    expect(c.application.proposedHousehold).toMatchObject({
      householdId: c.householdId,
      members: [{ outcome: 'linked', personId: me.person.id }, { outcome: 'created' }, { outcome: 'created' }],
    });
    expect(c.history.at(-1).data.registeredHousehold).toMatchObject({
      id: c.householdId,
      created: ['李建国', '李小雨'],
      linked: ['王秀英'],
    });

    const h = (await clerkA.get(`/api/households/${c.householdId}`)).json();
    expect(h).toMatchObject({
      divisionCode: places.renchengVillageA,
      address: '航运新村 12 号楼 3 单元 101',
      headName: '王秀英',
      memberCount: 3,
    });
    expect(
      h.members
        .map((m: { name: string; relation: string; hukouDivisionCode: string; hukouUnverified: boolean }) => [
          m.name,
          m.relation,
          m.hukouDivisionCode,
          m.hukouUnverified,
        ])
        .sort(),
    ).toEqual([
      ['李小雨', 'grandchild', places.renchengVillageA, false],
      ['李建国', 'spouse', places.renchengVillageA, false],
      ['王秀英', 'head', places.renchengVillageA, false],
    ]);
    expect(await personsWith(spouse.idNumber)).toEqual([{ id: expect.anything(), household_id: expect.anything() }]);
    expect(Number((await personsWith(spouse.idNumber))[0].household_id)).toBe(c.householdId);
    const [{ n }] = await rows<{ n: number | string }>(
      t.deps.database.db,
      sql`select count(*) as n from audit_log where action = 'household.create' and object_id = ${String(c.householdId)}`,
    );
    expect(Number(n)).toBe(1);

    // The resident's own page shows the household; the case goes on as any other.
    const mine = (await me.client.get('/api/portal/me')).json();
    expect(mine.members.map((m: { name: string }) => m.name).sort()).toEqual(['李小雨', '李建国', '王秀英']);
    expect((await me.client.get('/api/portal/assistance')).json()[0]).toMatchObject({ status: 'accepted', householdProposed: false });
    expect((await step(clerkA, id, 'pay_first', { data: { amountFen: 100000 } })).statusCode).toBe(200);
    const paid = (await clerkA.get(`/api/benefits?householdId=${c.householdId}`)).json();
    expect(paid).toEqual([
      expect.objectContaining({ personName: '王秀英', type: 'temporary', monthlyAmountFen: 100000, startMonth: monthOf(shanghaiToday()) }),
    ]);

    // The spouse, registered now, applies for their household as registered: no second household.
    const spouseAccount = await t.loginResident({
      personId: Number((await personsWith(spouse.idNumber))[0].id),
      divisionCode: places.renchengVillageA,
    });
    const theirs = (await spouseAccount.get('/api/portal/assistance/prefill?category=dibao')).json();
    expect(theirs).toMatchObject({ householdId: c.householdId });
    expect(theirs.newHousehold).toBeUndefined();
    const dup = await spouseAccount.post('/api/portal/assistance/new-household', emergency([]));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain('您的家庭已在人口与家庭库中登记');
  });

  it('a second application naming a person the registry already has links that person instead of registering them again', async () => {
    const known = { name: '赵桂兰', idNumber: nextId('1939-01-15'), relation: 'parent' };
    const registered = await clerkA.post('/api/persons', {
      name: known.name,
      idNumber: known.idNumber,
      hukouDivisionCode: places.renchengVillageA,
      hukouType: 'rural',
    });
    expect(registered.statusCode, registered.body).toBe(200);
    const me = await resident('孙志强');
    const sent = await me.client.post('/api/portal/assistance/new-household', emergency([known]));
    expect(sent.statusCode, sent.body).toBe(200);
    const accepted = await step(clerkA, sent.json().id, 'accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    const c = await open(clerkA, sent.json().id);
    expect(c.history.at(-1).data.registeredHousehold).toMatchObject({ created: [], linked: ['孙志强', '赵桂兰'] });
    const found = await personsWith(known.idNumber);
    expect(found).toHaveLength(1);
    expect(Number(found[0].id)).toBe(registered.json().id);
    expect(Number(found[0].household_id)).toBe(c.householdId);
    // Linked as registered: the registry's own facts stay (hukou type rural), only the household is set.
    const person = (await clerkA.get(`/api/persons/${registered.json().id}`)).json();
    expect(person).toMatchObject({ hukouType: 'rural', relation: 'parent', householdId: c.householdId });

    // Someone who is already another household's member, or whose registered name differs, stops the acceptance.
    const other = await resident('周海燕');
    const taken = await other.client.post('/api/portal/assistance/new-household', emergency([{ ...known, relation: 'parent' }]));
    expect(taken.statusCode).toBe(200);
    const refused = await step(clerkA, taken.json().id, 'accept');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(
      `赵桂兰（${known.idNumber.slice(0, 6)}********${known.idNumber.slice(-4)}）已是另一个家庭的成员：请先在人口与家庭库中核实处理，再受理`,
    );
    expect(await open(clerkA, taken.json().id)).toMatchObject({ status: 'submitted', householdId: null });
    expect(await personsWith(known.idNumber)).toHaveLength(1);

    const lone = await clerkA.post('/api/persons', {
      name: '钱文',
      idNumber: nextId('1970-02-02'),
      hukouDivisionCode: places.renchengVillageA,
      hukouType: 'urban',
    });
    const misnamed = await resident('吴丽');
    const wrong = await misnamed.client.post(
      '/api/portal/assistance/new-household',
      emergency([{ name: '钱武', idNumber: await personIdNumber(lone.json().id), relation: 'spouse' }]),
    );
    expect(wrong.statusCode).toBe(200);
    const stopped = await step(clerkA, wrong.json().id, 'accept');
    expect(stopped.statusCode).toBe(409);
    expect(stopped.json().message).toContain('人口库中该身份证号登记的姓名与申请填写的不一致');
  });

  it('checks the proposed household when it is sent: the resident once, one head, valid and distinct ID numbers', async () => {
    const me = await resident('郑淑芬');
    const bad = await me.client.post('/api/portal/assistance/new-household', {
      ...emergency([
        { name: '郑一', idNumber: '370811197909091234', relation: 'child' },
        { name: '郑二', idNumber: me.idNumber, relation: 'child' },
      ]),
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(['members.1.idNumber', 'members.2.idNumber']);
    expect(bad.json().details.fields[1].message).toContain('这是您本人的身份证号');
    const twice = nextId('1990-09-09');
    const dup = await me.client.post(
      '/api/portal/assistance/new-household',
      emergency([
        { name: '郑三', idNumber: twice, relation: 'child' },
        { name: '郑四', idNumber: twice, relation: 'child' },
      ]),
    );
    expect(dup.json().details.fields).toEqual([{ field: 'members.2.idNumber', message: '与第 2 位成员的身份证号相同' }]);
    const noHead = await me.client.post(
      '/api/portal/assistance/new-household',
      emergency([], { members: [{ self: true, relation: 'spouse', covered: true, incomes: [] }] }),
    );
    expect(noHead.statusCode).toBe(400);
    expect(noHead.json().details.fields).toEqual([{ field: 'members', message: 'members：请指定一名户主' }]);
    const noSelf = await me.client.post(
      '/api/portal/assistance/new-household',
      emergency([], { members: [{ name: '郑五', idNumber: nextId(), relation: 'head', covered: true, incomes: [] }] }),
    );
    expect(noSelf.json().details.fields).toEqual([{ field: 'members', message: 'members：家庭成员中须包括申请人本人（只列一次）' }]);
    const noAddress = await me.client.post('/api/portal/assistance/new-household', emergency([], { address: '' }));
    expect(noAddress.json().details.fields[0].field).toBe('address');
    // Staff file at the window, for a registered household.
    expect((await clerkA.post('/api/portal/assistance/new-household', emergency([]))).statusCode).toBe(403);
    expect((await me.client.get('/api/portal/assistance')).json()).toEqual([]);
  });
});

async function personIdNumber(id: number): Promise<string> {
  const res = await clerkA.post(`/api/persons/${id}/unmask`, { reason: '测试核对身份证号' });
  return res.json().idNumber;
}
