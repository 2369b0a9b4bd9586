/**
 * No staff page scrolls sideways on an office screen (1366 × 768, 1440 × 900), and the village
 * officer's pages also fit a phone (375 × 812): every page under the staff layout — read from the
 * web modules' manifests (`src/web/features/index.ts`), so a new page is checked without being listed
 * here — is visited with
 * at least 20 rows in its lists (the demo households plus cases, recipients, a roll, users,
 * organisations and audit rows created through the API). A page passes when
 * - the document does not scroll sideways (`scrollWidth <= clientWidth`),
 * - no element of the content area reaches past the viewport, unless it is inside a container of
 *   the content area that scrolls (or clips) by itself, such as a table with `scroll.x`,
 * - every visible button and link of the content area (and of the header) lies within the viewport,
 *   so a wide table's action column must be `fixed: 'right'`.
 * Every failing page of a width is reported at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { newPage, useServerAndBrowser } from './support.js';
import { generateResidentId } from '../src/shared/validation/resident-id.js';
import { creditCodeCheckChar } from '../src/shared/validation/credit-code.js';
import { webModules } from '../src/web/features/index.js';
import { addMonths, monthOf, shanghaiToday } from '../src/shared/dates.js';
import { entitlementHeaders } from '../src/server/modules/assistance/entitlements/migrate.js';
import { agencyFileHeaders } from '../src/shared/registry/agency-files.js';

const county = '370811';
const township = '370811002';
const village = '370811002001';

/** The routes of the staff layout and the permission each needs (null: every staff user). */
function staffRoutes(): { path: string; permission: string | null }[] {
  return webModules
    .flatMap((m) => m.pages)
    .filter((p) => (p.shell ?? 'staff') === 'staff')
    .map((p) => ({ path: p.path, permission: p.permission }));
}

/** What the setup created: the pages with an id in their path are visited on these. */
const ids = {
  person: 0,
  household: 0,
  checkCase: 0,
  approvedCase: 0,
  entitlement: 0,
  roll: 0,
  agencyFile: 0,
  organisation: 0,
  visited: 0,
  allowance: 0,
  allowanceRoll: 0,
  volunteer: 0,
};

/** The addresses a route is visited at; a route with a parameter and no sample here fails the test. */
function samplesOf(path: string): string[] | null {
  if (!path.includes(':')) return [path];
  const byPath: Record<string, string[]> = {
    '/persons/:id': [`/persons/${ids.person}`],
    '/persons/:id/edit': [`/persons/${ids.person}/edit`],
    '/households/:id': [`/households/${ids.household}`],
    '/assistance/cases/:id': [`/assistance/cases/${ids.checkCase}`, `/assistance/cases/${ids.approvedCase}`],
    '/assistance/rolls/:id': [`/assistance/rolls/${ids.roll}`],
    '/assistance/entitlements/:id': [`/assistance/entitlements/${ids.entitlement}`],
    '/agency-files/:id': [`/agency-files/${ids.agencyFile}`],
    '/organisations/:id': [`/organisations/${ids.organisation}`],
    '/organisations/:id/edit': [`/organisations/${ids.organisation}/edit`],
    '/visits/:programme/persons/:personId': [`/visits/tekun_scattered/persons/${ids.visited}`],
    '/visits/:programme/persons/:personId/record': [`/visits/tekun_scattered/persons/${ids.visited}/record`],
    '/elderly-allowance/allowances/:id': [`/elderly-allowance/allowances/${ids.allowance}`],
    '/elderly-allowance/rolls/:id': [`/elderly-allowance/rolls/${ids.allowanceRoll}`],
    '/volunteers/:id': [`/volunteers/${ids.volunteer}`],
  };
  return byPath[path] ?? null;
}

/** Lists that must show at least 20 rows (the test's own precondition: a wide table needs data). */
const fullLists = [
  '/persons',
  '/households',
  '/assistance/cases',
  '/assistance/entitlements',
  '/assistance/rolls/:id',
  '/admin/users',
  '/organisations',
  '/audit',
  '/volunteers',
];

interface Staff {
  page: Page;
  permissions: string[];
  name: string;
}
const staff: Record<'admin' | 'auditor' | 'village', Staff> = {} as never;

let logins = 0;
/** Logs in through the API on a page of its own (a first login changes the password). */
async function signIn(name: string, username: string, password: string): Promise<Staff> {
  const page = await newPage(e2e.browser);
  await page.goto(`${e2e.server.url}/login`);
  const me = await page.evaluate(
    async ({ username, password, newPassword }) => {
      const post = (url: string, body: object) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const r = await post('/api/auth/login', { username, password });
      if (!r.ok) throw new Error(`login ${username}: ${await r.text()}`);
      let { me } = await r.json();
      if (me.mustChangePassword) {
        const c = await post('/api/auth/change-password', { oldPassword: password, newPassword });
        if (!c.ok) throw new Error(`change-password ${username}: ${await c.text()}`);
        me = (await c.json()).me;
      }
      return me as { permissions: string[] };
    },
    { username, password, newPassword: `Jining-Minzheng-${++logins}-2026` },
  );
  return { page, permissions: me.permissions, name };
}

async function xlsxBase64(headers: readonly string[], rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('救助对象');
  sheet.addRow([...headers]);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const e2e = useServerAndBrowser();
beforeAll(async () => {
  const admin = await signIn('admin', 'admin', e2e.server.adminPassword);
  staff.admin = admin;

  // Users (4 who log in, 20 more for the list) and 20 organisations (each with a valid credit code).
  const creditCodes = Array.from({ length: 20 }, (_, i) => {
    const first17 = `51370800MJ${String(i).padStart(7, '0')}`;
    return first17 + creditCodeCheckChar(first17);
  });
  const users = await admin.page.evaluate(
    async ({ county, township, village, creditCodes }) => {
      const post = async (url: string, body: object) => {
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!r.ok) throw new Error(`${url}: ${await r.text()}`);
        return r.json();
      };
      const make = (username: string, displayName: string, roles: string[], divisionCode: string) =>
        post('/api/users', { username, displayName, roles, divisionCode });
      const out = {
        clerk: (await make('widths_clerk', '许庄街道审批人', ['township_clerk'], township)).initialPassword as string,
        county: (await make('widths_county', '任城区名册审核员', ['county_reviewer'], county)).initialPassword as string,
        village: (await make('widths_village', '航运新村居委会社区专干', ['village_officer'], village)).initialPassword as string,
        auditor: (await make('widths_auditor', '市局审计员', ['auditor'], '3708')).initialPassword as string,
      };
      const legalTypes = ['social_group', 'social_service', 'foundation', 'government', 'public_institution', 'enterprise'];
      for (let i = 0; i < 20; i++) {
        await make(
          `widths_user${i}`,
          `任城区许庄街道航运新村居委会工作人员${i}`,
          i % 2 ? ['township_clerk', 'village_officer'] : ['village_officer'],
          i % 2 ? township : village,
        );
        await post('/api/organisations', {
          name: `济宁市任城区许庄街道第${i + 1}社会救助服务站（慈善超市）`,
          creditCode: creditCodes[i],
          legalType: legalTypes[i % legalTypes.length],
          divisionCode: i % 2 ? township : village,
        });
      }
      return out;
    },
    { county, township, village, creditCodes },
  );

  // 50 households of two in one village: 25 for 低保 cases, 3 for 临时救助 cases, 22 for migrated recipients.
  let seq = 100;
  const id = (birthDate: string) => generateResidentId({ addressCode: county, birthDate, seq: seq++ });
  const families = Array.from({ length: 50 }, (_, i) => {
    const year = 1950 + (i % 30);
    const day = String(1 + (i % 28)).padStart(2, '0');
    return { head: id(`${year}-03-${day}`), spouse: id(`${year + 2}-07-${day}`) };
  });
  const month = monthOf(shanghaiToday());
  const created = await admin.page.evaluate(
    async ({ families, village }) => {
      const post = async (url: string, body: object) => {
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!r.ok) throw new Error(`${url}: ${await r.text()}`);
        return r.json();
      };
      const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐';
      const households: { id: number; persons: number[] }[] = [];
      for (const [i, f] of families.entries()) {
        const members = [
          {
            relation: 'head',
            person: { name: `${surnames[i % surnames.length]}守田${i}`, idNumber: f.head, hukouDivisionCode: village, hukouType: 'urban' },
          },
          {
            relation: 'spouse',
            person: {
              name: `${surnames[(i + 7) % surnames.length]}秀英${i}`,
              idNumber: f.spouse,
              hukouDivisionCode: village,
              hukouType: 'urban',
            },
          },
        ];
        const h = await post('/api/households', {
          divisionCode: village,
          address: `济宁市任城区许庄街道航运新村 ${i + 1} 号楼 ${100 + i} 室`,
          members,
        });
        households.push({ id: h.id, persons: h.members.map((m: { id: number }) => m.id) });
      }
      const act = async (caseId: number, action: string, body: object = {}) => {
        const { version } = await fetch(`/api/assistance/cases/${caseId}`).then((r) => r.json());
        return post(`/api/assistance/cases/${caseId}/actions/${action}`, { version, ...body });
      };
      const visit = {
        data: {
          visitDate: new Date().toISOString().slice(0, 10),
          investigators: ['赵敏', '钱进'],
          findings: { housing: '自有住房一处，砖混结构，两室一厅', livingConditions: '家中陈设简陋，户主长期患病', income: '无固定收入' },
          signed: true,
        },
      };
      const common = {
        assets: { depositsFen: 0, vehicles: 0, extraHouses: 0 },
        commitmentSigned: true,
        checkAuthorised: true,
        bankName: '济宁银行任城支行',
      };
      // 低保 cases, spread over the stages.
      const cases: number[] = [];
      for (let i = 0; i < 25; i++) {
        const h = households[i];
        const c = await post('/api/assistance/cases', {
          ...common,
          category: 'dibao',
          householdId: h.id,
          applicantPersonId: h.persons[0],
          members: h.persons.map((personId) => ({ personId, covered: true, incomes: [] })),
          reason: '户主长期患病丧失劳动能力，配偶无固定收入，家庭生活十分困难，特申请最低生活保障',
          bankAccount: `62170012345678${String(90000 + i)}`,
        });
        cases.push(c.id);
        const stage = i % 5;
        if (stage >= 1) await act(c.id, 'request_check');
        if (stage >= 2) await act(c.id, 'complete_check', { data: { override: true }, reason: '部门回复未到，经研究先行入户调查' });
        if (stage >= 3) await act(c.id, 'record_visit', visit);
        if (stage >= 4) await act(c.id, 'township_agree');
      }
      // 临时救助 (急难型: no 公示) up to the decision; a second user approves.
      const temporary: number[] = [];
      for (let i = 25; i < 28; i++) {
        const h = households[i];
        const c = await post('/api/assistance/cases', {
          ...common,
          category: 'temporary',
          temporaryType: 'emergency',
          requestedAmountFen: 80000,
          householdId: h.id,
          applicantPersonId: h.persons[0],
          members: h.persons.map((personId, k) => ({ personId, covered: k === 0, incomes: [] })),
          reason: '户主突发重病住院，家庭一时无力承担',
          bankAccount: `62170012345678${String(90000 + i)}`,
        });
        temporary.push(c.id);
        await act(c.id, 'start_investigation');
        await act(c.id, 'record_visit', visit);
        await act(c.id, 'township_agree');
      }
      return { households, cases, temporary };
    },
    { families, village },
  );

  // The economic check of the second case (in 核对中) finds deposits and a second house: findings with 采用/不采用.
  const checkCase = created.cases[1];
  const checkHead = families[1];
  await admin.page.evaluate(
    async ({ head, spouse }) => {
      const upload = async (agency: string, name: string, csv: string) => {
        const form = new FormData();
        form.append('file', new Blob([csv], { type: 'text/csv' }), name);
        const r = await fetch(`/api/assistance/checks/replies?agency=${agency}`, { method: 'POST', body: form });
        if (!r.ok) throw new Error(`reply ${agency}: ${await r.text()}`);
      };
      await upload(
        'bank',
        '核对回复-银行存款.csv',
        `身份证号,姓名,开户银行,存款余额（元）\n${head},户主,中国农业银行济宁任城支行营业部,86000.00\n${spouse},配偶,济宁银行任城支行,12000.00\n`,
      );
      await upload(
        'real_estate',
        '核对回复-不动产登记.csv',
        `身份证号,姓名,不动产坐落,建筑面积（平方米）\n${head},户主,济宁市任城区许庄街道航运新村 8 号楼 201 室,86.5\n${head},户主,济宁市任城区古槐街道和平小区 3 号楼 1 单元 502 室,120\n`,
      );
      await upload('vehicle', '核对回复-车辆登记.csv', `身份证号,姓名,号牌号码,车辆类型\n${spouse},配偶,鲁H·A1234,小型普通客车\n`);
    },
    { head: checkHead.head, spouse: checkHead.spouse },
  );

  // 22 recipients migrated from the old system, in force from this month.
  const roster = await xlsxBase64(
    entitlementHeaders,
    families
      .slice(28)
      // The last one is a 特困 person in 分散供养 (so on the township's visit plan).
      .map((f, i, all) => [
        f.head,
        i === all.length - 1 ? '特困' : '低保',
        i === all.length - 1 ? f.head : `${f.head}、${f.spouse}`,
        `${1200 + i}.00`,
        '',
        month,
        '济宁银行任城支行',
        `62170012345670${String(10000 + i)}`,
        '',
      ]),
  );
  const { rolls } = await admin.page.evaluate(
    async ({ roster, county, month, next }) => {
      const job = async (jobId: number) => {
        for (let i = 0; i < 200; i++) {
          const j = await fetch(`/api/jobs/${jobId}`).then((r) => r.json());
          if (j.status === 'succeeded') return j;
          if (j.status === 'failed') throw new Error(`job ${jobId}: ${JSON.stringify(j)}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`job ${jobId} did not finish`);
      };
      const form = new FormData();
      form.append('file', new Blob([Uint8Array.from(atob(roster), (c) => c.charCodeAt(0))]), '存量救助对象.xlsx');
      const r = await fetch('/api/assistance/imports/entitlements', { method: 'POST', body: form });
      if (!r.ok) throw new Error(`migration: ${await r.text()}`);
      await job((await r.json()).jobId);
      const rolls: number[] = [];
      for (const m of [month, next]) {
        const b = await fetch('/api/payments/assistance/rolls', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ countyCode: county, month: m }),
        });
        if (!b.ok) throw new Error(`roll: ${await b.text()}`);
        const started = await b.json();
        await job(started.jobId);
        rolls.push(started.id);
      }
      return { rolls };
    },
    { roster, county, month, next: addMonths(month, 1) },
  );

  // The township approves the 临时救助 cases; the county approves this month's roll (who built it does not).
  const clerk = await signIn('clerk', 'widths_clerk', users.clerk);
  await clerk.page.evaluate(async (cases) => {
    for (const id of cases) {
      const { version } = await fetch(`/api/assistance/cases/${id}`).then((r) => r.json());
      const r = await fetch(`/api/assistance/cases/${id}/actions/approve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version }),
      });
      if (!r.ok) throw new Error(`approve ${id}: ${await r.text()}`);
    }
  }, created.temporary);
  await clerk.page.close();
  const reviewer = await signIn('county', 'widths_county', users.county);
  await reviewer.page.evaluate(async (roll) => {
    const r = await fetch(`/api/payments/assistance/rolls/${roll}/approve`, { method: 'POST' });
    if (!r.ok) throw new Error(`roll approve: ${await r.text()}`);
  }, rolls[0]);
  await reviewer.page.close();

  const recipients = await admin.page.evaluate(
    async (village) =>
      (await fetch(`/api/assistance/entitlements?divisionCode=${village}&pageSize=200`).then((r) => r.json())).items as {
        id: number;
        category: string;
      }[],
    village,
  );
  ids.person = created.households[28].persons[0];
  ids.household = created.households[28].id;
  ids.checkCase = checkCase;
  ids.approvedCase = created.temporary[0];
  ids.entitlement = recipients.find((e) => e.category === 'dibao')!.id;
  ids.visited = created.households[49].persons[0];
  // 25 volunteers of the village (the spouses of the 低保 households), registered at the township's window.
  const volunteers = await admin.page.evaluate(
    async ({ village, persons }) => {
      const made: number[] = [];
      for (const [i, personId] of persons.entries()) {
        const r = await fetch('/api/volunteers', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            personId,
            divisionCode: village,
            categories: i % 2 ? ['community', 'elderly_disabled', 'civilisation'] : ['emergency', 'health'],
            availableTimes: ['weekend', 'holiday'],
            skills: ['急救', '心理疏导'],
          }),
        });
        if (!r.ok) throw new Error(`volunteer: ${await r.text()}`);
        made.push((await r.json()).id);
      }
      return made;
    },
    { village, persons: created.households.slice(0, 25).map((h: { persons: number[] }) => h.persons[1]) },
  );
  ids.volunteer = volunteers[0];
  // An organisation; a resident of 86 in the village whose 高龄津贴 the township confirms, and next month's roll of it.
  const elderly = await admin.page.evaluate(
    async ({ village, county, next, idNumber }) => {
      const json = async (r: Response) => {
        if (!r.ok) throw new Error(`${r.url}: ${await r.text()}`);
        return r.json();
      };
      const post = (url: string, body: object = {}) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(json);
      const organisation = (await fetch('/api/organisations?pageSize=1').then(json)).items[0].id as number;
      const h = await post('/api/households', {
        divisionCode: village,
        address: '济宁市任城区许庄街道航运新村 60 号楼 101 室',
        members: [{ relation: 'head', person: { name: '寿星老人', idNumber, hukouDivisionCode: village, hukouType: 'urban' } }],
      });
      await post('/api/elderly-allowance/intake');
      const list = await fetch(`/api/elderly-allowance/allowances?divisionCode=${village}&pageSize=200`).then(json);
      const allowance = (list.items as { id: number; personId: number }[]).find((a) => a.personId === h.members[0].id)!.id;
      const { version } = await fetch(`/api/elderly-allowance/allowances/${allowance}`).then(json);
      await post(`/api/elderly-allowance/allowances/${allowance}/confirm`, {
        version,
        bankName: '济宁银行任城支行',
        bankAccount: '6217001234560001',
      });
      const roll = await post('/api/payments/elderly_allowance/rolls', { countyCode: county, month: next });
      for (let i = 0; i < 200; i++) {
        const j = await fetch(`/api/jobs/${roll.jobId}`).then(json);
        if (j.status === 'succeeded') break;
        if (j.status === 'failed') throw new Error(`elderly roll: ${JSON.stringify(j)}`);
        await new Promise((x) => setTimeout(x, 100));
      }
      return { organisation, allowance, roll: roll.id as number };
    },
    { village, county, next: addMonths(month, 1), idNumber: id('1940-05-05') },
  );
  ids.organisation = elderly.organisation;
  ids.allowance = elderly.allowance;
  ids.allowanceRoll = elderly.roll;
  ids.roll = rolls[0];
  // A 部门比对名单 of 25 lines (a wide table of lines to review).
  const deaths = await xlsxBase64(
    agencyFileHeaders.deaths,
    Array.from({ length: 25 }, (_, i) => [`比对${i}`, id('1938-02-02'), month + '-01', '济宁市第一人民医院', `S${1000 + i}`, '']),
  );
  ids.agencyFile = await admin.page.evaluate(async (file) => {
    const form = new FormData();
    form.append('file', new Blob([Uint8Array.from(atob(file), (c) => c.charCodeAt(0))]), '死亡名单.xlsx');
    const r = await fetch('/api/agency-files?kind=deaths&agency=police', { method: 'POST', body: form });
    if (!r.ok) throw new Error(`agency file: ${await r.text()}`);
    const { jobId, agencyFileId } = await r.json();
    for (let i = 0; i < 200; i++) {
      const j = await fetch(`/api/jobs/${jobId}`).then((x) => x.json());
      if (j.status === 'succeeded') return agencyFileId as number;
      if (j.status === 'failed') throw new Error(`agency file job: ${JSON.stringify(j)}`);
      await new Promise((x) => setTimeout(x, 100));
    }
    throw new Error('agency file job did not finish');
  }, deaths);
  staff.auditor = await signIn('auditor', 'widths_auditor', users.auditor);
  staff.village = await signIn('village', 'widths_village', users.village);
}, 300_000);

/** Waits for a page's requests and spinners to settle. */
async function settle(page: Page, url: string, minRows: number) {
  await page.goto(url, { waitUntil: 'networkidle' });
  await page
    .waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), null, { timeout: 10_000 })
    .catch(() => {});
  if (minRows)
    await page
      .waitForFunction((n) => document.querySelectorAll('.app-content .ant-table-row').length >= n, minRows, { timeout: 10_000 })
      .catch(() => {});
  await page.waitForTimeout(200);
}

/** What is wrong with the page as it is shown now: the empty list when it fits. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    const vw = doc.clientWidth;
    if (doc.scrollWidth > vw) problems.push(`the page scrolls sideways: scrollWidth ${doc.scrollWidth} > ${vw}`);
    const root = document.querySelector('.app-content');
    if (!root) return [...problems, 'no content area (.app-content)'];
    const describe = (el: Element) => {
      const r = el.getBoundingClientRect();
      const testId = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' ? el.className.split(/\s+/).filter(Boolean).slice(0, 2).join('.') : '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24);
      return `${el.tagName.toLowerCase()}${testId ? `[data-testid=${testId}]` : cls ? `.${cls}` : ''}${text ? ` “${text}”` : ''} (x ${Math.round(r.left)}–${Math.round(r.right)})`;
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    };
    const outside = (r: DOMRect) => r.left < -0.5 || r.right > vw + 0.5;
    // An ancestor inside the content area that scrolls or clips sideways, itself within the viewport.
    const scrolledBy = (el: Element) => {
      for (let a = el.parentElement; a && a !== root; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible' && !outside(a.getBoundingClientRect())) return a;
      }
      return null;
    };
    const wide = new Set<Element>();
    for (const el of root.querySelectorAll('*')) {
      if (!outside(el.getBoundingClientRect()) || !visible(el) || scrolledBy(el)) continue;
      wide.add(el);
    }
    const outermost = [...wide].filter((el) => !(el.parentElement && wide.has(el.parentElement)));
    for (const el of outermost.slice(0, 6)) problems.push(`wider than the viewport (${vw}): ${describe(el)}`);
    // A button or link is seen whole: within the viewport and not cut off by a container that
    // scrolls or clips sideways (a table's action column scrolled out of sight).
    const cutOff = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (outside(r)) return true;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX === 'visible') continue;
        const c = a.getBoundingClientRect();
        if (r.left < c.left - 0.5 || r.right > c.right + 0.5) return true;
      }
      return false;
    };
    const controls = [
      ...root.querySelectorAll('button, a[href], [role="button"], .ant-btn'),
      ...document.querySelectorAll('.ant-layout-header button, .ant-layout-header a[href]'),
    ];
    const off = controls.filter((el) => visible(el) && cutOff(el));
    for (const el of off.slice(0, 6)) problems.push(`button or link not wholly in sight: ${describe(el)}`);
    if (off.length > 6) problems.push(`… and ${off.length - 6} more buttons or links`);
    return problems;
  });
}

/** Visits every route the users may open at one viewport; returns every problem found. */
async function visitAll(width: number, height: number, users: Staff[], opts: { minRows: boolean }): Promise<string[]> {
  const failures: string[] = [];
  const routes = staffRoutes();
  for (const { path, permission } of routes) {
    const user = users.find((u) => permission === null || u.permissions.includes(permission));
    if (!user) {
      if (users.length > 1) failures.push(`${path}: no test user may open it`);
      continue;
    }
    const samples = samplesOf(path);
    if (!samples) {
      failures.push(`${path}: no sample address for this route in e2e/widths.e2e.ts`);
      continue;
    }
    const page = user.page;
    await page.setViewportSize({ width, height });
    for (const sample of samples) {
      const minRows = opts.minRows && fullLists.includes(path) ? 20 : 0;
      await settle(page, `${e2e.server.url}${sample}`, minRows);
      const where = `${width}px ${user.name} ${sample}`;
      if (new URL(page.url()).pathname !== sample) failures.push(`${where}: went to ${page.url()}`);
      if (
        await page
          .locator(
            '.app-content .ant-result-404, .app-content .ant-result-403, .app-content .ant-result-500, .app-content .ant-result-error',
          )
          .count()
      ) {
        failures.push(`${where}: the page shows an error`);
      }
      const rows = await page.locator('.app-content .ant-table-row').count();
      if (minRows && rows < minRows) failures.push(`${where}: ${rows} table rows, the test wants at least ${minRows}`);
      for (const p of await layoutProblems(page)) failures.push(`${where}: ${p}`);
    }
  }
  return failures;
}

describe('staff pages fit the screen', () => {
  it('reads the staff routes from the router', () => {
    const paths = staffRoutes().map((r) => r.path);
    expect(paths.length).toBeGreaterThanOrEqual(29);
    for (const p of ['/', '/account', '/persons/:id/edit', '/assistance/cases', '/assistance/rolls/:id', '/admin/outbox', '/audit'])
      expect(paths).toContain(p);
    expect(staffRoutes().find((r) => r.path === '/audit')?.permission).toBe('audit.read');
  });

  for (const [width, height] of [
    [1366, 768],
    [1440, 900],
  ] as const) {
    it(`every staff page at ${width} × ${height}: no sideways scroll, the actions within the screen`, async () => {
      expect(await visitAll(width, height, [staff.admin, staff.auditor], { minRows: true })).toEqual([]);
    }, 600_000);
  }

  it("the village officer's pages at 375 × 812 (a phone)", async () => {
    const officer = staff.village;
    expect(officer.permissions).not.toContain('user.manage');
    // The side menu is folded away on a phone; the header's button opens it over the page, and a choice closes it.
    const page = officer.page;
    await page.setViewportSize({ width: 375, height: 812 });
    await settle(page, `${e2e.server.url}/`, 0);
    const sider = page.locator('.app-sider');
    expect((await sider.boundingBox())?.width ?? 0).toBe(0);
    await page.getByTestId('menu-toggle').click();
    await expect.poll(async () => (await sider.boundingBox())?.width).toBe(208);
    await page.locator('.app-sider .ant-menu-item').filter({ hasText: '救助案件' }).click();
    await page.waitForURL(/\/assistance\/cases$/);
    await expect.poll(async () => (await sider.boundingBox())?.width ?? 0).toBe(0);
    expect(await visitAll(375, 812, [officer], { minRows: true })).toEqual([]);
  }, 600_000);
});
