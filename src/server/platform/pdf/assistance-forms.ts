/**
 * Printable social-assistance (社会救助) documents: the application and approval form, the home-visit
 * record, and the written refusal and approval notices (docs/rules.md "Required steps before approval"). Each function takes plain data
 * (see assistance-forms.types.ts) and resolves with the PDF bytes.
 */
import { OfficialDocument } from './document.js';
import { yuan } from '../../../shared/money.js';
import { formatDateZh, formatMonthZh } from './format.js';
import type {
  ApplicationFormInput,
  ApprovalNoticeInput,
  HomeVisitRecordInput,
  RecordedOpinion,
  RefusalNoticeInput,
} from './assistance-forms.types.js';

export type * from './assistance-forms.types.js';

export const COMMITMENT_TEXT =
  '本人承诺所提供的家庭成员、收入、财产等信息真实、完整，家庭人口、收入和财产状况发生变化时及时告知。如有虚假，愿承担相应法律责任。';
export const AUTHORISATION_TEXT =
  '本人及共同生活家庭成员授权民政部门核对家庭经济状况，同意有关部门和机构向民政部门提供核对所需的户籍、收入、财产等信息。';

const OPINION_FOOTER = '经办人：　　　　　负责人：　　　　　（盖章）　　　　年　　月　　日';

/** An opinion box: the recorded opinion with who and when (the 负责人 signs and stamps by hand), or blank. */
function opinionBox(d: OfficialDocument, label: string, signer: string, opinion: RecordedOpinion | undefined): void {
  if (!opinion) {
    d.box(label, { footer: OPINION_FOOTER });
    return;
  }
  d.box(label, {
    text: opinion.text,
    footer: `${signer}：${opinion.actorName}　　负责人：　　　　　${opinion.office}（盖章）　　${formatDateZh(opinion.date)}`,
  });
}

/** The "你（户）于…提出的…申请（申请编号：…）" phrase that opens both notices. */
function applicationPhrase(input: { category: string; caseNo: string; applicationDate?: string }): string {
  const when = input.applicationDate ? `于${formatDateZh(input.applicationDate)}` : '';
  return `你（户）${when}提出的${input.category}申请（申请编号：${input.caseNo}）`;
}

/** Issuing office and date at the bottom right of a notice. */
function issuedBy(d: OfficialDocument, office: string, date: string): void {
  d.space(24).paragraph(`${office}（盖章）`, { align: 'right' }).paragraph(formatDateZh(date), { align: 'right' });
}

/** 社会救助申请审批表: the household's declaration, commitment and authorisation, and the opinion boxes. */
export async function applicationFormPdf(input: ApplicationFormInput): Promise<Buffer> {
  const d = await OfficialDocument.create(`社会救助申请审批表 ${input.caseNo}`);
  d.title('社会救助申请审批表');
  d.kvTable([
    [
      { label: '申请编号', value: input.caseNo },
      { label: '救助类别', value: input.category },
    ],
    [
      { label: '申请人', value: input.applicantName },
      { label: '身份证号码', value: input.idNumber },
    ],
    [
      { label: '联系电话', value: input.phone },
      { label: '申请日期', value: input.applicationDate ? formatDateZh(input.applicationDate) : '' },
    ],
    [{ label: '户籍地', value: input.hukouAddress }],
    ...(input.requestedAmountFen === undefined ? [] : [[{ label: '申请金额', value: `${yuan(input.requestedAmountFen)} 元` }]]),
  ]);

  d.heading('一、家庭成员');
  d.dataTable(
    [
      { header: '姓名', weight: 1.1, nowrap: true },
      { header: '与申请人关系', weight: 1.5, align: 'center' },
      { header: '身份证号码', weight: 2.3, nowrap: true },
      { header: '性别', weight: 0.6, align: 'center', nowrap: true },
      { header: '年龄', weight: 0.6, align: 'center', nowrap: true },
      { header: '纳入救助', weight: 1.0, align: 'center' },
      { header: '月收入（元）', weight: 1.4, align: 'right', nowrap: true },
    ],
    input.members.map((m) => [m.name, m.relation, m.idNumber, m.sex, String(m.age), m.covered ? '是' : '否', yuan(m.monthlyIncomeFen)]),
  );

  d.heading('二、申报收入');
  const incomeTotal = input.incomes.reduce((s, i) => s + i.monthlyAmountFen, 0);
  d.dataTable(
    [
      { header: '收入项目', weight: 1.6 },
      { header: '家庭成员', weight: 1.2, nowrap: true },
      { header: '月收入（元）', weight: 1.3, align: 'right', nowrap: true },
      { header: '说明', weight: 2.6 },
    ],
    input.incomes.length === 0
      ? [['无', '', '', '']]
      : [
          ...input.incomes.map((i) => [i.kind, i.memberName ?? '全家', yuan(i.monthlyAmountFen), i.note ?? '']),
          ['合计', '', yuan(incomeTotal), ''],
        ],
  );

  d.heading('三、申报财产');
  d.dataTable(
    [
      { header: '财产类型', weight: 1.4 },
      { header: '情况说明', weight: 3.6 },
      { header: '价值（元）', weight: 1.5, align: 'right', nowrap: true },
    ],
    input.assets.length === 0
      ? [['无', '', '']]
      : input.assets.map((a) => [a.kind, a.description, a.valueFen === undefined ? '' : yuan(a.valueFen)]),
  );

  d.heading('四、刚性支出');
  const rigid = input.rigidCosts ?? [];
  d.dataTable(
    [
      { header: '家庭成员', weight: 1.2, nowrap: true },
      { header: '支出项目', weight: 2.2 },
      { header: '月支出（元）', weight: 1.3, align: 'right', nowrap: true },
      { header: '说明', weight: 2.0 },
    ],
    rigid.length === 0
      ? [['无', '', '', '']]
      : [
          ...rigid.map((r) => [r.memberName, r.kind, yuan(r.monthlyAmountFen), r.note ?? '']),
          ['合计', '', yuan(rigid.reduce((s, r) => s + r.monthlyAmountFen, 0)), ''],
        ],
  );

  d.heading('五、申请理由');
  d.paragraph(input.reason, { indent: true });

  d.keepTogether(200).heading('六、承诺与授权'); // the signatures stay on the page of the text they sign
  d.paragraph(COMMITMENT_TEXT, { indent: true });
  d.paragraph(AUTHORISATION_TEXT, { indent: true });
  d.signatures(['申请人（签字）', '共同生活家庭成员（签字）']);

  opinionBox(d, '乡镇（街道）意见', '经办人', input.townshipOpinion);
  opinionBox(d, '审批意见', '审批人', input.decision);
  return d.toBuffer();
}

/** 入户调查记录: what at least two investigators found in the household, signed by them and the applicant. */
export async function homeVisitRecordPdf(input: HomeVisitRecordInput): Promise<Buffer> {
  if (input.investigators.length < 2) throw new RangeError('a home visit is made by at least two investigators');
  const d = await OfficialDocument.create(`入户调查记录 ${input.caseNo}`);
  d.title('入户调查记录');
  d.kvTable([
    [
      { label: '申请编号', value: input.caseNo },
      { label: '救助类别', value: input.category ?? '' },
    ],
    [
      { label: '申请人', value: input.applicantName },
      { label: '家庭人口', value: `${input.memberCount} 人` },
    ],
    [{ label: '家庭住址', value: input.address }],
    [
      { label: '调查日期', value: formatDateZh(input.visitDate) },
      { label: '现场照片', value: `${input.photoCount} 张` },
    ],
    [{ label: '调查人员', value: input.investigators.join('、') }],
  ]);

  const sections: [string, string | undefined][] = [
    ['一、住房情况', input.findings.housing],
    ['二、生活状况', input.findings.livingConditions],
    ['三、收入情况', input.findings.income],
    ['四、其他情况', input.findings.other],
  ];
  for (const [heading, text] of sections) {
    if (text === undefined) continue;
    d.heading(heading).paragraph(text || '无', { indent: true });
  }

  d.space(6).paragraph('调查人员声明：以上情况系入户调查所见所闻，记录属实。');
  d.signatures(input.investigators.map((name) => `调查人 ${name}（签字）`));
  d.paragraph('申请人确认：以上记录与本户实际情况一致。');
  d.signatures(['申请人（签字）']);
  return d.toBuffer();
}

/** 不予批准通知书: the written refusal with its reason and the applicant's remedies. */
export async function refusalNoticePdf(input: RefusalNoticeInput): Promise<Buffer> {
  const d = await OfficialDocument.create(`不予批准通知书 ${input.caseNo}`);
  d.title('不予批准通知书');
  d.paragraph(`编号：${input.caseNo}`, { align: 'right' }).space(8);
  d.paragraph(`${input.applicantName}：`);
  d.paragraph(`${applicationPhrase(input)}，经调查核实和审核，不符合${input.category}条件，决定不予批准。`, { indent: true });
  d.paragraph(`不予批准的理由：${input.reason}`, { indent: true });
  d.paragraph(
    `如对本决定不服，可以自收到本通知书之日起60日内向${input.reconsiderationBody}申请行政复议，或者在6个月内依法向人民法院提起行政诉讼。`,
    { indent: true },
  );
  d.paragraph('特此通知。', { indent: true });
  issuedBy(d, input.issuingOffice, input.date);
  return d.toBuffer();
}

/** 批准通知书: the approval with the people covered, the monthly amount and when payment starts. */
export async function approvalNoticePdf(input: ApprovalNoticeInput): Promise<Buffer> {
  const d = await OfficialDocument.create(`批准通知书 ${input.caseNo}`);
  d.title('批准通知书');
  d.paragraph(`编号：${input.caseNo}`, { align: 'right' }).space(8);
  d.paragraph(`${input.applicantName}：`);
  d.paragraph(`${applicationPhrase(input)}，经调查核实和审核，符合${input.category}条件，决定予以批准。`, { indent: true });
  d.space(4).kvTable(
    [
      [{ label: '救助类别', value: input.category }],
      [{ label: '保障人数', value: `${input.coveredMembers} 人` }],
      [{ label: '月救助金额', value: `${yuan(input.monthlyAmountFen)} 元` }],
      [{ label: '计算方式', value: input.breakdown }],
      [{ label: '发放时间', value: `${formatMonthZh(input.startMonth)}起，按月发放` }],
    ],
    { pairs: 1, labelWidth: 96 },
  );
  d.paragraph('救助金按月打入你（户）提供的银行账户。家庭人口、收入、财产状况发生变化的，请及时告知乡镇人民政府（街道办事处）。', {
    indent: true,
  });
  d.paragraph('特此通知。', { indent: true });
  issuedBy(d, input.issuingOffice, input.date);
  if (input.verification) d.space(12).verificationMark(input.verification);
  return d.toBuffer();
}
