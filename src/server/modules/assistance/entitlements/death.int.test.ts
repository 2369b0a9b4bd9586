/**
 * A recipient's death, recorded once in the registry (docs/rules.md "A recipient's death"): social
 * assistance answers the registry's event (entitlements/death.ts), which is written in the death's
 * own transaction; months already paid after the death are listed for recovery.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, places, type TestApp, type Client } from '../../../testing/harness.js';
import { rows } from '../../../platform/db/index.js';
import { addDays, addMonths, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { caseHelpers } from '../testing.js';

let t: TestApp;
let clerk: Client;
let approver: Client;
let county: Client;
let countyApprover: Client;
let outsider: Client;
const today = shanghaiToday();
const next = addMonths(monthOf(today), 1);
const { household, application, apply, open, step, toDecision } = caseHelpers(() => t, 800);

beforeAll(async () => {
  t = await startTestApp();
  clerk = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  approver = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipA });
  county = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  countyApprover = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  outsider = await t.login({ roles: ['township_clerk'], divisionCode: places.renchengTownshipB });
});
afterAll(async () => t?.close());

async function approved(names: string[], category: 'dibao' | 'tekun' = 'dibao') {
  const h = await household(clerk, places.renchengVillageA, names, category === 'tekun' ? ['1941-03-05'] : []);
  const c = await apply(
    clerk,
    application(h, {
      category,
      members: h.members.map((m) => ({ personId: m.id, covered: true, incomes: [] })),
      ...(category === 'tekun' ? { selfCareUnable: ['eating'] } : {}),
    }),
  );
  await toDecision(clerk, c.id);
  expect((await step(approver, c.id, 'approve')).statusCode).toBe(200);
  const id = (await open(clerk, c.id)).entitlement.id as number;
  return { h, id };
}

const entitlement = async (id: number) => (await clerk.get(`/api/assistance/entitlements/${id}`)).json();

async function recordDeath(personId: number, diedOn = today) {
  const res = await clerk.post(`/api/persons/${personId}/death`, { diedOn, place: '济宁市第一人民医院', certificateNo: 'SW2026001' });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

describe("a recipient's death recorded in the registry", () => {
  it('the death event is written in the death’s own transaction (an outbox row), before any job runs', async () => {
    const { h } = await approved(['箱一', '箱二']);
    await recordDeath(h.members[1].id);
    const queued = await rows<{ kind: string; status: string; payload: { personId: number } }>(
      t.deps.database.db,
      sql`select kind, status, payload from jobs where kind like 'registry.person_died>%' and status = 'queued'`,
    );
    // One job per module that answers the event (social assistance, 高龄津贴 …).
    expect(queued).toContainEqual(
      expect.objectContaining({ kind: 'registry.person_died>assistance', payload: expect.objectContaining({ personId: h.members[1].id }) }),
    );
    await t.deps.jobs.drain();
  });

  it('a death refused by the registry leaves no event: a date after today is a field error and nothing is queued', async () => {
    const { h } = await approved(['未一']);
    const res = await clerk.post(`/api/persons/${h.members[0].id}/death`, { diedOn: addDays(today, 1) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('死亡日期不能晚于今天');
    const [q] = await rows<{ n: number }>(
      t.deps.database.db,
      sql`select count(*)::int as n from jobs where kind like 'registry.person_died>%' and status = 'queued'`,
    );
    expect(q.n).toBe(0);
  });

  it('the deceased is no longer covered from the month after death: the household is recomputed without them and re-reviewed within 3 months', async () => {
    const { h, id } = await approved(['亡一', '亡二']);
    expect((await entitlement(id)).monthlyFen).toBe(92400 * 2);
    await recordDeath(h.members[1].id);
    await t.deps.jobs.drain();
    const e = await entitlement(id);
    const due = `${addMonths(monthOf(today), 3)}-${today.slice(8, 10) > '28' ? '28' : today.slice(8, 10)}`;
    expect(e).toMatchObject({ status: 'active', monthlyFen: 92400, nextReviewDate: due });
    expect(e.history[0]).toMatchObject({
      kind: 'death_reported',
      effectiveMonth: next,
      reason: expect.stringContaining('不再计入保障人口'),
    });
    expect(e.history[0].reason).toContain('按 1 人重新核算');
  });

  it('a one-person 低保 entitlement ends: stopped from the month after death, no 公示', async () => {
    const { h, id } = await approved(['独一']);
    await recordDeath(h.members[0].id);
    await t.deps.jobs.drain();
    const e = await entitlement(id);
    expect(e).toMatchObject({ status: 'stopped', endMonth: monthOf(today), stopNotice: null });
    expect(e.history[0]).toMatchObject({ kind: 'death_stopped', effectiveMonth: next });
  });

  it("the deceased's own 特困 support stops being paid at once and its termination is announced (终止公示, no ground exempt)", async () => {
    const { h, id } = await approved(['特亡'], 'tekun');
    await recordDeath(h.members[0].id);
    await t.deps.jobs.drain();
    let e = await entitlement(id);
    expect(e.status).toBe('suspended');
    expect(e.stopNotice).toMatchObject({ ends: addDays(today, 6) });
    expect(e.history.map((x: { kind: string }) => x.kind).slice(0, 2)).toEqual(['stop_notice', 'death_suspended']);
    await t.deps.notices.endDue(addDays(today, 7));
    e = await entitlement(id);
    expect(e.status).toBe('stopped');
  });

  it('payments already made for months after the death are listed for recovery, inside the jurisdiction only', async () => {
    const { h, id } = await approved(['追一']);
    const start = await county.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month: next });
    expect(start.statusCode, start.body).toBe(200);
    await t.deps.jobs.drain();
    expect((await countyApprover.post(`/api/payments/assistance/rolls/${start.json().id}/approve`)).statusCode).toBe(200);
    await recordDeath(h.members[0].id);
    await t.deps.jobs.drain();
    const list = (await clerk.get('/api/assistance/after-death')).json();
    const mine = list.items.filter((r: { entitlementId: number }) => r.entitlementId === id);
    expect(mine).toEqual([
      expect.objectContaining({
        month: next,
        deceasedName: '追一',
        diedOn: today,
        coveredCount: 1,
        paidFen: 92400,
        recoverFen: 92400,
        estimated: false,
      }),
    ]);
    expect(list.recoverFen).toBe(list.items.reduce((s: number, r: { recoverFen: number }) => s + r.recoverFen, 0));
    const other = (await outsider.get('/api/assistance/after-death')).json();
    expect(other.items.filter((r: { entitlementId: number }) => r.entitlementId === id)).toEqual([]);
    const xlsx = await clerk.get('/api/assistance/after-death/export');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('the payee died: nothing is paid until 变更领取人 names another covered adult, whose account the roll then uses', async () => {
    const { h, id } = await approved(['领款一', '领款二']);
    const before = await entitlement(id);
    const payee = h.members[['领款一', '领款二'].indexOf(before.payeeName as string)];
    const other = h.members.find((m) => m !== payee)!;
    await recordDeath(payee.id);
    await t.deps.jobs.drain();
    const e = await entitlement(id);
    expect(e.payeeDiedOn).toBe(today);
    expect(e.payeeCandidates).toEqual([{ personId: other.id, name: expect.any(String) }]);
    expect(e.status).toBe('suspended');
    expect(e.history[0]).toMatchObject({ kind: 'payee_died', reason: expect.stringContaining('变更领取人后恢复') });

    const lines = async (month: string) => {
      const start = await county.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month });
      expect(start.statusCode, start.body).toBe(200);
      await t.deps.jobs.drain();
      const all = (await county.get(`/api/payments/assistance/rolls/${start.json().id}/lines?pageSize=200`)).json();
      return (all.items as { recordId: number; payeeName: string; bankName: string | null }[]).filter((l) => l.recordId === id);
    };
    expect(await lines(addMonths(next, 1))).toEqual([]);

    const body = {
      payeePersonId: payee.id,
      bankName: '济宁银行任城支行',
      bankAccount: '6217001234567899',
      reason: '原领取人去世',
      version: e.version,
    };
    const dead = await clerk.post(`/api/assistance/entitlements/${id}/payee`, body);
    expect(dead.statusCode).toBe(400);
    const changed = await clerk.post(`/api/assistance/entitlements/${id}/payee`, { ...body, payeePersonId: other.id });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = await entitlement(id);
    expect(after).toMatchObject({ payeeDiedOn: null, bankName: '济宁银行任城支行', bankAccount: '****7899' });
    expect(after.status).toBe('active');
    expect(after.history.slice(0, 2)).toEqual([
      expect.objectContaining({ kind: 'resume', reason: expect.stringContaining('已变更领取人') }),
      expect.objectContaining({ kind: 'payee_change', reason: '原领取人去世', breakdown: expect.stringContaining('新领取人') }),
    ]);
    expect(await lines(addMonths(next, 2))).toEqual([
      expect.objectContaining({ payeeName: after.payeeName, bankName: '济宁银行任城支行' }),
    ]);
    const audited = await rows<{ details: Record<string, unknown> }>(
      t.deps.database.db,
      sql`select details from audit_log where action = 'assistance.entitlement.payee_change' and object_id = ${String(id)}`,
    );
    expect(audited).toEqual([{ details: { personId: other.id, newAccount: '****7899' } }]);
  });

  it('变更领取人 refuses someone the entitlement does not cover, and is 404 outside the jurisdiction', async () => {
    const { h, id } = await approved(['未成一', '未成二']);
    const e = await entitlement(id);
    const body = { bankName: '济宁银行任城支行', bankAccount: '6217001234567800', reason: '变更', version: e.version };
    const stranger = await clerk.post(`/api/assistance/entitlements/${id}/payee`, { ...body, payeePersonId: 987654 });
    expect(stranger.body).toContain('领取人应为该待遇保障的家庭成员');
    const out = await outsider.post(`/api/assistance/entitlements/${id}/payee`, { ...body, payeePersonId: h.members[1].id });
    expect(out.statusCode).toBe(404);
  });

  it('a death recorded in error is revoked: the entitlement that reacted is due for re-review today with the reason, in its history and audit', async () => {
    const { h, id } = await approved(['误一', '误二']);
    await recordDeath(h.members[1].id);
    await t.deps.jobs.drain();
    const res = await clerk.post(`/api/persons/${h.members[1].id}/death/revoke`, { reason: '身份证号比对错误，实为同名人员' });
    expect(res.statusCode, res.body).toBe(200);
    await t.deps.jobs.drain();
    const e = await entitlement(id);
    expect(e.nextReviewDate).toBe(today);
    expect(e.history[0]).toMatchObject({ kind: 'death_revoked', reason: expect.stringContaining('撤销了该死亡登记') });
    const audited = await rows<{ details: Record<string, unknown> }>(
      t.deps.database.db,
      sql`select details from audit_log where action = 'assistance.entitlement.death' and object_id = ${String(id)}
          order by id desc limit 1`,
    );
    expect(audited).toEqual([{ details: { personId: h.members[1].id, kind: 'death_revoked' } }]);
  });
});
