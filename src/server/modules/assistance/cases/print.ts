/**
 * Printable documents of a case (PDF with Chinese fonts): the application form, the home-visit
 * record, the refusal notice and the approval notice, filled from the case file. Printing shows the
 * full ID numbers the signed paper needs, so it is audited like an export.
 *
 * The application form carries the opinions the history records: 乡镇（街道）意见 from the latest
 * township_agree / township_disagree (unless an objection or a return sent the case back to the
 * visit since), 审批意见 from the decision (approve, refuse, complete_paperwork), each with who and
 * the Beijing date; a box with nothing recorded stays blank for the pen.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { householdMembersOf, householdsView } from '../../registry/read.js';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { rows, type Db } from '../../../platform/db/index.js';
import { audit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/errors.js';
import { monthLabel, shanghaiToday } from '../../../../shared/dates.js';
import { maskName } from '../../../../shared/mask.js';
import { groupedCode } from '../../../platform/verify/code.js';
import { isCountyOrAbove, townshipOf } from '../../../../shared/divisions.js';
import { relations, sexes } from '../../../../shared/registry-codes.js';
import { assistanceCategories, incomeKinds, printables, type Printable } from '../../../../shared/assistance-codes.js';
import { yuan } from '../../../../shared/money.js';
import {
  applicationFormPdf,
  approvalNoticePdf,
  homeVisitRecordPdf,
  refusalNoticePdf,
  type RecordedOpinion,
} from '../../../platform/pdf/assistance-forms.js';
import { assistanceActions, assistanceCases, assistanceEntitlements } from '../schema.js';
import { caseScope } from './case-store.js';
import type { StoredApplication } from './application.js';
import { ageOn } from '../policy/compute.js';
import { FieldView } from '../../../platform/crypto/field-view.js';

export async function printCase(deps: Deps, ctx: Ctx, id: number, doc: Printable): Promise<{ name: string; content: Buffer }> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const [c] = await db
    .select()
    .from(assistanceCases)
    .where(and(eq(assistanceCases.id, id), caseScope(actor)));
  if (!c) throw AppError.notFound('救助案件');
  const app = c.application as unknown as StoredApplication;
  const category = assistanceCategories[c.category];
  const today = shanghaiToday();
  const members = await rows<{
    id: number | string;
    name: string;
    relation: string | null;
    sex: string | null;
    birth_date: string | null;
    id_number_enc: string | null;
    phone_enc: string | null;
  }>(
    db,
    sql`select id, name, relation, sex, birth_date::text as birth_date, id_number_enc, phone_enc from ${householdMembersOf(c.householdId)} m
      order by id`,
  );
  const byId = new Map(members.map((m) => [Number(m.id), m]));
  const applicant = byId.get(c.applicantPersonId);
  const [division] = await rows<{ full_name: string; county: string | null }>(
    db,
    sql`select full_name, (select name from divisions d where d.code = left(${c.divisionCode}, 6)) as county from divisions where code =
      ${c.divisionCode}`,
  );
  // The household's address: the division path, then the street address the registry holds.
  const [home] = await rows<{ full_name: string | null; address: string }>(
    db,
    sql`select (select full_name from divisions d where d.code = h.division_code) as full_name, h.address from ${householdsView} h
      where h.id = ${c.householdId}`,
  );
  const homeAddress = `${home?.full_name ?? division?.full_name ?? ''}${home?.address ?? ''}`;
  const office = `${division?.county ?? ''}民政局`;
  const actions = await db.select().from(assistanceActions).where(eq(assistanceActions.caseId, id)).orderBy(desc(assistanceActions.id));
  // Dates on paper are Beijing dates (docs/rules.md "Dates"), whatever the server's time zone.
  const base = { caseNo: c.caseNo, category, applicantName: applicant?.name ?? '', applicationDate: shanghaiToday(c.createdAt) };
  // A damaged ID number or phone is printed as 数据校验失败 (D7): the form still serves, and the
  // signed paper shows that the value must be checked against the ID card.
  const view = new FieldView(deps, ctx);
  const shown = (p: (typeof members)[number] | undefined, field: 'idNumber' | 'phone') =>
    (p && view.show(field === 'idNumber' ? p.id_number_enc : p.phone_enc, { objectType: 'person', objectId: Number(p.id), field })) ?? '';
  let content: Buffer;
  switch (doc) {
    case 'application':
      content = await applicationFormPdf({
        ...base,
        idNumber: shown(applicant, 'idNumber'),
        phone: shown(applicant, 'phone'),
        hukouAddress: division?.full_name ?? '',
        members: app.members.map((m) => {
          const p = byId.get(m.personId);
          return {
            name: p?.name ?? '',
            relation: relations[(p?.relation ?? 'other') as keyof typeof relations] ?? '',
            idNumber: shown(p, 'idNumber'),
            sex: p?.sex ? (sexes[p.sex as keyof typeof sexes] ?? '') : '',
            age: ageOn(p?.birth_date ?? null, today),
            covered: m.covered,
            monthlyIncomeFen: m.incomes.reduce((s, i) => s + i.monthlyFen, 0),
          };
        }),
        incomes: app.members.flatMap((m) =>
          m.incomes.map((i) => ({ kind: incomeKinds[i.kind], memberName: byId.get(m.personId)?.name, monthlyAmountFen: i.monthlyFen })),
        ),
        assets: [
          { kind: '存款等金融资产', description: '申报', valueFen: app.assets.depositsFen },
          { kind: '机动车', description: `${app.assets.vehicles} 辆` },
          { kind: '住房以外的房产', description: `${app.assets.extraHouses} 套` },
        ],
        rigidCosts: app.members
          .filter((m) => (m.rigidCostsFen ?? 0) > 0)
          .map((m) => ({
            memberName: byId.get(m.personId)?.name ?? '',
            kind: '因病因残刚性支出',
            monthlyAmountFen: m.rigidCostsFen!,
            note: m.majorIllness ? '重大疾病' : undefined,
          })),
        requestedAmountFen: app.requestedAmountFen,
        reason: app.reason,
        townshipOpinion: await townshipOpinion(db, actions, office),
        decision: await decisionOpinion(db, actions, office),
      });
      break;
    case 'visit': {
      const visit = actions.find((a) => a.action === 'record_visit');
      if (!visit) throw AppError.conflict('尚未登记入户调查');
      const d = visit.data as {
        visitDate: string;
        investigators: string[];
        findings: { housing: string; livingConditions: string; income: string; other?: string };
      };
      content = await homeVisitRecordPdf({
        ...base,
        address: homeAddress,
        memberCount: members.length,
        visitDate: d.visitDate,
        investigators: d.investigators,
        findings: d.findings,
        photoCount: visit.fileIds.length,
      });
      break;
    }
    case 'refusal': {
      const refusal = actions.find((a) => a.action === 'refuse');
      if (!refusal || c.status !== 'refused') throw AppError.conflict('案件未作出不予批准决定');
      content = await refusalNoticePdf({
        ...base,
        reason: refusal.reason ?? '',
        reconsiderationBody: `${division?.county ?? ''}人民政府`,
        issuingOffice: await decidingBody(db, refusal.actorDivision, office),
        date: shanghaiToday(refusal.at),
      });
      break;
    }
    case 'approval': {
      const [e] = await db.select().from(assistanceEntitlements).where(eq(assistanceEntitlements.caseId, id)).limit(1);
      if (!e || c.status !== 'approved') throw AppError.conflict('案件尚未批准');
      const decision = actions.find((a) => a.action === 'approve' || a.action === 'complete_paperwork');
      const issuingOffice = await decidingBody(db, decision?.actorDivision ?? null, office);
      const date = shanghaiToday(decision?.at ?? e.updatedAt);
      // The notice is a verifiable document (docs/verifiable-documents.md): issued once per decision,
      // so re-printing shows the same code; the public page shows only what is masked here.
      const mark = decision
        ? await deps.documents.issueOnce(ctx, {
            kind: 'assistance.approval_notice',
            recordId: decision.id,
            divisionCode: decision.actorDivision ?? c.divisionCode.slice(0, 6),
            issuerName: issuingOffice,
            summary: {
              title: '批准通知书',
              number: c.caseNo,
              holder: maskName(base.applicantName),
              lines: [
                { label: '救助类别', value: category },
                { label: '保障人数', value: `${e.coveredPersonIds.length} 人` },
                { label: '月救助金额', value: `${yuan(e.monthlyFen)} 元` },
                { label: '发放时间', value: `${monthLabel(e.startMonth)}起` },
                { label: '通知书日期', value: date },
              ],
            },
          })
        : undefined;
      content = await approvalNoticePdf({
        ...base,
        coveredMembers: e.coveredPersonIds.length,
        monthlyAmountFen: e.monthlyFen,
        breakdown: e.breakdown,
        startMonth: e.startMonth,
        issuingOffice,
        date,
        verification: mark && { qr: mark.qr, code: groupedCode(mark.code), line: `扫码或访问 ${mark.page} 输入编码核验` },
      });
      break;
    }
  }
  await audit(db, ctx, {
    action: 'assistance_case.print',
    objectType: 'assistance_case',
    objectId: id,
    details: { caseNo: c.caseNo, document: doc },
  });
  return { name: `${printables[doc]}_${c.caseNo}.pdf`, content };
}

type ActionRow = typeof assistanceActions.$inferSelect;

const amountOf = (a: ActionRow) => {
  const d = a.data as { monthlyFen?: number; breakdown?: string };
  return typeof d.monthlyFen === 'number' ? `月救助金额 ${yuan(d.monthlyFen)} 元${d.breakdown ? `（${d.breakdown}）` : ''}。` : '';
};
const withReason = (head: string, reason: string | null, label = '') =>
  reason?.trim() ? `${head}${label}${reason.trim()}${/[。！？]$/.test(reason.trim()) ? '' : '。'}` : head;

/**
 * 乡镇（街道）意见: the latest township opinion in the history (`actions` newest first), unless an
 * objection (公示异议) or an approver's return sent the case back to the visit after it.
 */
async function townshipOpinion(db: Db, actions: ActionRow[], countyOffice: string): Promise<RecordedOpinion | undefined> {
  const a = actions.find((x) => ['township_agree', 'township_disagree', 'object', 'return_for_review'].includes(x.action));
  if (!a || (a.action !== 'township_agree' && a.action !== 'township_disagree')) return undefined;
  const text =
    a.action === 'township_agree' ? `${withReason('同意。', a.reason)}${amountOf(a)}` : withReason('不同意。', a.reason, '理由：');
  return { text, actorName: a.actorName, office: await decidingBody(db, a.actorDivision, countyOffice), date: shanghaiToday(a.at) };
}

/** 审批意见: the decision, approval (or 先行救助 followed by 补齐材料并审批) or refusal. */
async function decisionOpinion(db: Db, actions: ActionRow[], countyOffice: string): Promise<RecordedOpinion | undefined> {
  const a = actions.find((x) => ['approve', 'refuse', 'complete_paperwork'].includes(x.action));
  if (!a) return undefined;
  const text =
    a.action === 'refuse'
      ? withReason('不予批准。', a.reason, '理由：')
      : `${withReason(a.action === 'complete_paperwork' ? '已先行救助，补齐材料后同意批准。' : '同意批准。', a.reason)}${amountOf(a)}`;
  return { text, actorName: a.actorName, office: await decidingBody(db, a.actorDivision, countyOffice), date: shanghaiToday(a.at) };
}

/**
 * The body that decided (docs/rules.md "Separation of duties"): a township deciding under delegated
 * approval signs as its 街道办事处 or 人民政府; a county decision is the county's 民政局.
 */
async function decidingBody(db: Db, actorDivision: string | null, countyOffice: string): Promise<string> {
  if (!actorDivision || isCountyOrAbove(actorDivision)) return countyOffice;
  const [t] = await rows<{ name: string }>(db, sql`select name from divisions where code = ${townshipOf(actorDivision)}`);
  if (!t) return countyOffice;
  return t.name.endsWith('街道') ? `${t.name}办事处` : `${t.name}人民政府`;
}
