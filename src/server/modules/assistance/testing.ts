/**
 * Helpers of the social-assistance integration tests: a household registered through the API, a
 * 低保 application for it, the steps of a case, and the way from acceptance to 待审批. Used by
 * assistance.int.test.ts and figures.int.test.ts.
 */
import { expect } from 'vitest';
import type { Client, TestApp } from '../../testing/harness.js';
import { generateResidentId } from '../../../shared/validation/resident-id.js';
import { addDays, shanghaiToday } from '../../../shared/dates.js';

export interface Household {
  id: number;
  members: { id: number; name: string }[];
  idNumbers: string[];
}

export const visit = {
  data: {
    visitDate: shanghaiToday(),
    investigators: ['赵敏', '钱进'],
    findings: { housing: '自有平房两间', livingConditions: '家电简陋', income: '小卖部月入约一千二' },
    signed: true,
  },
};

/** 核对完成 before every asked agency replied: the override with its reason (kept in the history). */
export const noReplies = { data: { override: true }, reason: '部门回复未到，经研究先行入户调查' };

/** A 低保 application for the household: every member covered, the head's business income 1,200 元. */
export function application(h: Household, extra: Record<string, unknown> = {}) {
  return {
    category: 'dibao',
    householdId: h.id,
    applicantPersonId: h.members[0].id,
    members: h.members.map((m, i) => ({
      personId: m.id,
      covered: true,
      incomes: i === 0 ? [{ kind: 'business', monthlyFen: 120000 }] : [],
    })),
    assets: { depositsFen: 500000, vehicles: 0, extraHouses: 0 },
    reason: '户主经营小卖部收入低，配偶长期患病',
    commitmentSigned: true,
    checkAuthorised: true,
    bankName: '济宁银行任城支行',
    bankAccount: '6217001234567890123',
    ...extra,
  };
}

export async function apply(client: Client, body: unknown): Promise<{ id: number; caseNo: string }> {
  const res = await client.post('/api/assistance/cases', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function open(client: Client, id: number) {
  return (await client.get(`/api/assistance/cases/${id}`)).json();
}

export async function step(client: Client, id: number, action: string, body: Record<string, unknown> = {}) {
  const c = await open(client, id);
  return client.post(`/api/assistance/cases/${id}/actions/${action}`, { version: c.version, ...body });
}

/** The helpers that need the test's app (started in beforeAll, hence the getter) or a running ID sequence. */
export function caseHelpers(app: () => TestApp, firstSeq = 100) {
  let seq = firstSeq;
  const today = shanghaiToday();

  /** A household of `village` registered by `client`; `births[i]`, `hukou[i]`: member i's birth date and hukou (else the village). */
  async function household(
    client: Client,
    village: string,
    names: string[],
    births: string[] = [],
    hukou: string[] = [],
  ): Promise<Household> {
    const idNumbers = names.map((_, i) =>
      generateResidentId({ addressCode: '370811', birthDate: births[i] ?? `19${70 + i}-0${(i % 9) + 1}-1${i}`, seq: seq++ }),
    );
    const res = await client.post('/api/households', {
      divisionCode: village,
      address: `测试路 ${seq} 号`,
      members: names.map((name, i) => ({
        relation: i === 0 ? 'head' : i === 1 ? 'spouse' : 'child',
        person: { name, idNumber: idNumbers[i], hukouDivisionCode: hukou[i] ?? village, hukouType: 'urban' },
      })),
    });
    expect(res.statusCode, res.body).toBe(200);
    return { ...res.json<Omit<Household, 'idNumbers'>>(), idNumbers };
  }

  /** From acceptance to 待审批, through the check, the visit, the township's opinion and a 公示 that ends. */
  async function toDecision(client: Client, id: number) {
    for (const [action, body] of [
      ['request_check', {}],
      ['complete_check', noReplies],
      ['record_visit', visit],
      ['township_agree', {}],
    ] as const) {
      const res = await step(client, id, action, body);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    }
    await app().deps.notices.endDue(addDays(today, 7));
    expect((await open(client, id)).status).toBe('awaiting_decision');
  }

  return { household, application, apply, open, step, toDecision };
}

/** Uploads `content` as the multipart field `file` named `name` (a CSV or xlsx reply, a bank result). */
export async function upload(client: Client, url: string, name: string, content: string | Buffer) {
  const boundary = '----jimin';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${/\.xlsx$/.test(name) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv'}\r\n\r\n`,
    ),
    typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.inject({ method: 'POST', url, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}
