/**
 * Life events on the registry's persons (docs/rules.md "Life events"): death, marital status and the
 * spouse, guardians and carers (民法典 第十七条、第十八条), working away, school, hukou moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, places, type TestApp, type Client } from '../../testing/harness.js';
import { addDays, addMonths, monthOf, shanghaiToday } from '../../../shared/dates.js';
import { generateResidentId } from '../../../shared/validation/resident-id.js';

let t: TestApp;
let clerk: Client;
const today = shanghaiToday();
let seq = 900;

beforeAll(async () => {
  t = await startTestApp();
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
});
afterAll(async () => t?.close());

/** A household of `births.length` members (the first the head, the second the spouse). */
async function family(names: string[], births: string[]) {
  const res = await clerk.post('/api/households', {
    divisionCode: places.renchengVillageA,
    address: `人民路 ${seq} 号`,
    members: names.map((name, i) => ({
      relation: i === 0 ? 'head' : i === 1 ? 'spouse' : 'child',
      person: {
        name,
        idNumber: generateResidentId({ addressCode: '370811', birthDate: births[i], seq: seq++ }),
        hukouDivisionCode: places.renchengVillageA,
        hukouType: 'urban',
      },
    })),
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { members: { id: number }[] }).members.map((m) => m.id);
}
const life = async (id: number) => (await clerk.get(`/api/persons/${id}/life`)).json();
const yearsAgo = (n: number, days = 0) => addDays(`${Number(today.slice(0, 4)) - n}${today.slice(4)}`, days);

describe('death', () => {
  it('a death date after today or before the birth date is refused with a Chinese message', async () => {
    const [p] = await family(['期一'], ['1950-06-01']);
    const late = await clerk.post(`/api/persons/${p}/death`, { diedOn: addDays(today, 1) });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('死亡日期不能晚于今天');
    const early = await clerk.post(`/api/persons/${p}/death`, { diedOn: '1949-01-01' });
    expect(early.body).toContain('死亡日期不能早于出生日期（1950-06-01）');
  });

  it('a death is recorded once: a second record is refused (409) until the first is revoked', async () => {
    const [p] = await family(['重一'], ['1940-01-01']);
    expect((await clerk.post(`/api/persons/${p}/death`, { diedOn: today })).statusCode).toBe(200);
    const again = await clerk.post(`/api/persons/${p}/death`, { diedOn: today });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain(`已于 ${today} 登记死亡`);
    expect((await clerk.post(`/api/persons/${p}/death/revoke`, { reason: '同名误登' })).statusCode).toBe(200);
    const person = (await clerk.get(`/api/persons/${p}`)).json();
    expect(person.diedOn).toBeNull();
    const facts = await life(p);
    expect(facts.events.map((e: { kindName: string }) => e.kindName)).toEqual(['撤销死亡登记', '死亡']);
  });

  it('the death shows on the person with its place and certificate, and the spouse becomes 丧偶', async () => {
    const [a, b] = await family(['夫一', '妻一'], ['1948-02-02', '1950-03-03']);
    expect(
      (await clerk.post(`/api/persons/${a}/marital-status`, { status: 'married', since: '1970-05-01', spousePersonId: b })).statusCode,
    ).toBe(200);
    const res = await clerk.post(`/api/persons/${a}/death`, { diedOn: today, place: '家中', certificateNo: 'SW001', source: 'window' });
    expect(res.statusCode, res.body).toBe(200);
    const facts = await life(a);
    expect(facts.diedOn).toBe(today);
    expect(facts.events[0]).toMatchObject({ kindName: '死亡', sourceName: '窗口登记', summary: '死亡地点：家中；死亡证明编号：SW001' });
    const spouse = await life(b);
    expect(spouse.maritalStatusName).toBe('丧偶');
    expect(spouse.relations[0]).toMatchObject({ kindName: '配偶', until: today, endReason: '一方死亡' });
  });

  it('benefits recorded by hand end with the month of death', async () => {
    const [p] = await family(['养老一'], ['1945-01-01']);
    const b = await clerk.post('/api/benefits', {
      personId: p,
      type: 'pension',
      monthlyAmountFen: 150000,
      startMonth: addMonths(monthOf(today), -3),
    });
    expect(b.statusCode, b.body).toBe(200);
    await clerk.post(`/api/persons/${p}/death`, { diedOn: today });
    const list = (await clerk.get(`/api/benefits?personId=${p}`)).json();
    expect(list[0]).toMatchObject({ type: 'pension', endMonth: monthOf(today) });
  });
});

describe('guardians and carers', () => {
  it('a guardian under 16 is refused: no full civil capacity (民法典 17–18)', async () => {
    const [child, teen] = await family(['童一', '少一'], [yearsAgo(8), yearsAgo(15)]);
    const res = await clerk.post(`/api/persons/${child}/relations`, { kind: 'guardian', relatedPersonId: teen, since: today });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('15 周岁，未成年，不具有完全民事行为能力');
  });

  it('a carer of 16 or 17 is accepted only when living on their own income, with the evidence', async () => {
    const [child, teen] = await family(['童二', '少二'], [yearsAgo(6), yearsAgo(17)]);
    const refused = await clerk.post(`/api/persons/${child}/relations`, { kind: 'entrusted_carer', relatedPersonId: teen, since: today });
    expect(refused.body).toContain('未登记以自己的劳动收入为主要生活来源');
    const noEvidence = await clerk.post(`/api/persons/${child}/relations`, {
      kind: 'entrusted_carer',
      relatedPersonId: teen,
      since: today,
      relatedSelfSupporting: true,
    });
    expect(noEvidence.body).toContain('请填写证明材料');
    const ok = await clerk.post(`/api/persons/${child}/relations`, {
      kind: 'entrusted_carer',
      relatedPersonId: teen,
      since: today,
      relatedSelfSupporting: true,
      evidence: '劳动合同及近三个月工资流水',
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('an adult guardian is recorded with its dates and ended with a reason; nobody is their own guardian', async () => {
    const [child, parent] = await family(['童三', '父三'], [yearsAgo(5), yearsAgo(40)]);
    const self = await clerk.post(`/api/persons/${child}/relations`, { kind: 'guardian', relatedPersonId: child, since: today });
    expect(self.body).toContain('不能将本人登记为自己的监护人');
    const made = await clerk.post(`/api/persons/${child}/relations`, { kind: 'guardian', relatedPersonId: parent, since: yearsAgo(5) });
    expect(made.statusCode, made.body).toBe(200);
    expect((await life(child)).relations[0]).toMatchObject({ kindName: '监护人', direction: 'of', otherName: '父三', until: null });
    expect((await life(parent)).relations[0]).toMatchObject({ kindName: '监护人', direction: 'for', otherName: '童三' });
    const ended = await clerk.post(`/api/persons/${child}/relations/${made.json().id}/end`, { until: today, reason: '法院判决变更监护人' });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await life(child)).relations[0]).toMatchObject({ until: today, endReason: '法院判决变更监护人' });
  });

  it('a guardian who has died cannot be recorded', async () => {
    const [child, grand] = await family(['童四', '祖四'], [yearsAgo(9), '1940-01-01']);
    await clerk.post(`/api/persons/${grand}/death`, { diedOn: addDays(today, -10) });
    const res = await clerk.post(`/api/persons/${child}/relations`, { kind: 'guardian', relatedPersonId: grand, since: today });
    expect(res.body).toContain('关系人已于');
  });
});

describe('marriage, working away, school, hukou', () => {
  it('a divorce ends the spouse relation for both', async () => {
    const [a, b] = await family(['离一', '离二'], ['1980-01-01', '1982-01-01']);
    await clerk.post(`/api/persons/${a}/marital-status`, { status: 'married', since: '2005-01-01', spousePersonId: b });
    expect((await life(b)).maritalStatusName).toBe('有配偶');
    const res = await clerk.post(`/api/persons/${b}/marital-status`, { status: 'divorced', since: addDays(today, -30) });
    expect(res.statusCode, res.body).toBe(200);
    expect((await life(a)).maritalStatusName).toBe('离婚');
    expect((await life(a)).relations[0]).toMatchObject({ kindName: '配偶', until: addDays(today, -30) });
  });

  it('spells of working away do not overlap, and a return is not before the departure', async () => {
    const [p] = await family(['工一'], ['1985-01-01']);
    const first = await clerk.post(`/api/persons/${p}/work-away`, { fromDate: addDays(today, -200), destination: '江苏省苏州市' });
    expect(first.statusCode, first.body).toBe(200);
    const overlap = await clerk.post(`/api/persons/${p}/work-away`, { fromDate: addDays(today, -100), destination: '浙江省宁波市' });
    expect(overlap.body).toContain('与已登记的外出务工时段重叠');
    const early = await clerk.post(`/api/persons/${p}/work-away/${first.json().id}/end`, { on: addDays(today, -300) });
    expect(early.body).toContain('返回日期不能早于外出日期');
    expect((await clerk.post(`/api/persons/${p}/work-away/${first.json().id}/end`, { on: today })).statusCode).toBe(200);
    expect((await life(p)).workAway[0]).toMatchObject({ destination: '江苏省苏州市', untilDate: today });
  });

  it('a school enrolment has its expected end, after the enrolment', async () => {
    const [p] = await family(['学一'], [yearsAgo(16)]);
    const bad = await clerk.post(`/api/persons/${p}/schooling`, {
      school: '济宁一中',
      stage: 'senior',
      enrolledOn: addDays(today, -30),
      expectedEnd: addDays(today, -40),
    });
    expect(bad.body).toContain('预计毕业日期应晚于入学日期');
    const ok = await clerk.post(`/api/persons/${p}/schooling`, {
      school: '济宁一中',
      stage: 'senior',
      enrolledOn: addDays(today, -30),
      expectedEnd: yearsAgo(-3),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await life(p)).schooling[0]).toMatchObject({
      school: '济宁一中',
      stageName: '普通高中',
      expectedEnd: yearsAgo(-3),
      leftOn: null,
    });
  });

  it('a hukou move-in changes the division from its date and keeps the old one in the history; a move-out leaves the household', async () => {
    const [p, q] = await family(['迁一', '迁二'], ['1970-01-01', '1972-01-01']);
    const villages = (await clerk.get(`/api/divisions/children?parent=${places.renchengTownshipA}`)).json();
    const village2 = villages.find((v: { code: string }) => v.code !== places.renchengVillageA).code as string;
    const moved = await clerk.post(`/api/persons/${p}/hukou-move`, {
      direction: 'in',
      movedOn: today,
      toDivisionCode: village2,
      fromPlace: '济宁市任城区许庄街道',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const person = (await clerk.get(`/api/persons/${p}`)).json();
    expect(person).toMatchObject({ hukouDivisionCode: village2, householdId: null });
    expect((await life(p)).events[0]).toMatchObject({ kindName: '户口迁入', summary: expect.stringContaining('原户籍地') });
    const out = await clerk.post(`/api/persons/${q}/hukou-move`, { direction: 'out', movedOn: today, toPlace: '江苏省南京市' });
    expect(out.statusCode, out.body).toBe(200);
    expect((await clerk.get(`/api/persons/${q}`)).json().householdId).toBeNull();
    expect((await life(q)).events[0]).toMatchObject({ kindName: '户口迁出', summary: '迁往 江苏省南京市' });
  });
});
