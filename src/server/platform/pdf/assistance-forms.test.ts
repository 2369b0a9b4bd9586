import { describe, expect, it } from 'vitest';
import { applicationFormPdf, approvalNoticePdf, homeVisitRecordPdf, refusalNoticePdf } from './assistance-forms.js';
import type { ApplicationFormInput, ApprovalNoticeInput, HomeVisitRecordInput, RefusalNoticeInput } from './assistance-forms.js';
import { embedsNotoFont, pdfPages, pdfText } from './pdf-text.testing.js';

const application: ApplicationFormInput = {
  caseNo: 'DB-370811-2026-000123',
  category: '低保',
  applicationDate: '2026-11-02',
  applicantName: '王秀英',
  idNumber: '370811********1226',
  phone: '13905371234',
  hukouAddress: '山东省济宁市任城区南张街道前营村',
  members: [
    { name: '王秀英', relation: '本人', idNumber: '370811********1226', sex: '女', age: 46, covered: true, monthlyIncomeFen: 120000 },
    { name: '李强', relation: '配偶', idNumber: '370811********1219', sex: '男', age: 49, covered: true, monthlyIncomeFen: 0 },
    { name: '李小雨', relation: '子女', idNumber: '370811********0021', sex: '女', age: 15, covered: true, monthlyIncomeFen: 0 },
  ],
  incomes: [
    { kind: '工资性收入', memberName: '王秀英', monthlyAmountFen: 150000, note: '超市理货员，已扣减就业成本' },
    { kind: '转移净收入', monthlyAmountFen: 0, note: '无赡养费' },
  ],
  assets: [{ kind: '存款', description: '农商银行活期存款', valueFen: 860000 }],
  reason:
    '配偶李强2025年突发脑梗，丧失劳动能力，长期服药；女儿在读初中。家庭仅靠本人打零工维持生活，收入低于当地低保标准，特申请最低生活保障。',
};

const visit: HomeVisitRecordInput = {
  caseNo: 'DB-370811-2026-000123',
  category: '低保',
  applicantName: '王秀英',
  address: '济宁市任城区南张街道前营村3组17号',
  memberCount: 3,
  visitDate: '2026-11-06',
  investigators: ['赵敏', '孙建国'],
  findings: {
    housing: '自建砖瓦房三间，约70平方米，屋顶有渗漏。',
    livingConditions: '家具陈旧，无大额消费品，配偶卧床，需人照料。',
    income: '申请人在附近超市做理货员，月工资约1,500元，无其他收入来源。',
  },
  photoCount: 6,
};

const refusal: RefusalNoticeInput = {
  caseNo: 'DB-370811-2026-000124',
  category: '低保',
  applicantName: '刘振华',
  applicationDate: '2026-10-20',
  reason: '经家庭经济状况核对，家庭成员名下有机动车辆一辆，超出本市规定的财产认定标准。',
  reconsiderationBody: '任城区人民政府',
  issuingOffice: '任城区民政局',
  date: '2026-11-18',
};

const approval: ApprovalNoticeInput = {
  caseNo: 'DB-370811-2026-000123',
  category: '低保',
  applicantName: '王秀英',
  applicationDate: '2026-11-02',
  coveredMembers: 3,
  monthlyAmountFen: 157200,
  breakdown: '924 × 3 − 1,200 = 1,572 元',
  startMonth: '2026-12',
  issuingOffice: '任城区民政局',
  date: '2026-11-20',
};

/** Every document: a PDF with an embedded Noto subset, small enough to prove subsetting (a font file is 10–15 MB). */
function expectSmallChinesePdf(pdf: Buffer) {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(embedsNotoFont(pdf)).toBe(true);
  expect(pdf.length).toBeLessThan(200 * 1024);
}

describe('social-assistance documents', () => {
  it('the application form carries the household, its income and assets, the commitment, the authorisation and the opinion boxes', async () => {
    const pdf = await applicationFormPdf(application);
    expectSmallChinesePdf(pdf);
    const text = await pdfText(pdf);
    for (const s of [
      '社会救助申请审批表',
      '申请编号DB-370811-2026-000123',
      '救助类别低保',
      '身份证号码370811********1226',
      '户籍地山东省济宁市任城区南张街道前营村',
      '李小雨子女370811********0021女15是0.00',
      '王秀英本人370811********1226女46是1,200.00',
      '工资性收入王秀英1,500.00',
      '合计1,500.00',
      '存款农商银行活期存款8,600.00',
      '配偶李强2025年突发脑梗',
      '如有虚假，愿承担相应法律责任',
      '本人及共同生活家庭成员授权民政部门核对家庭经济状况',
      '申请人（签字）：',
      '乡镇（街道）意见',
      '审批意见',
    ])
      expect(text).toContain(s);
  });

  it('the application form prints 无 for a household that declares no income, assets or rigid expenditure', async () => {
    const text = await pdfText(await applicationFormPdf({ ...application, incomes: [], assets: [] }));
    expect(text).toContain('月收入（元）说明无');
    expect(text).toContain('价值（元）无');
    expect(text).toContain('四、刚性支出家庭成员支出项目月支出（元）说明无');
  });

  it('the application form prints the rigid expenditures with their amounts and the recorded township opinion and decision', async () => {
    const text = await pdfText(
      await applicationFormPdf({
        ...application,
        rigidCosts: [
          { memberName: '李强', kind: '因病因残刚性支出', monthlyAmountFen: 80000, note: '重大疾病' },
          { memberName: '李小雨', kind: '因病因残刚性支出', monthlyAmountFen: 12050 },
        ],
        townshipOpinion: { text: '同意。月救助金额 1,572.00 元。', actorName: '赵敏', office: '南张街道办事处', date: '2026-11-10' },
        decision: { text: '同意批准。', actorName: '钱进', office: '任城区民政局', date: '2026-11-20' },
      }),
    );
    expect(text).toContain('李强因病因残刚性支出800.00重大疾病');
    expect(text).toContain('李小雨因病因残刚性支出120.50');
    expect(text).toContain('合计920.50');
    expect(text).toContain('乡镇（街道）意见同意。月救助金额1,572.00元。经办人：赵敏负责人：南张街道办事处（盖章）2026年11月10日');
    expect(text).toContain('审批意见同意批准。审批人：钱进负责人：任城区民政局（盖章）2026年11月20日');
  });

  it('a long household list runs onto further pages, each numbered', async () => {
    const members = Array.from({ length: 40 }, (_, i) => ({ ...application.members[2], name: `成员${i + 1}` }));
    const pages = await pdfPages(await applicationFormPdf({ ...application, members }));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => expect(p).toContain(`第${i + 1}页共${pages.length}页`));
    expect(pages.join('')).toContain('成员40');
  });

  it('the home-visit record has the findings and a signature line for every investigator and the applicant', async () => {
    const pdf = await homeVisitRecordPdf({ ...visit, investigators: ['赵敏', '孙建国', '周丽'] });
    expectSmallChinesePdf(pdf);
    const text = await pdfText(pdf);
    for (const s of [
      '入户调查记录',
      '调查日期2026年11月6日',
      '调查人员赵敏、孙建国、周丽',
      '现场照片6张',
      '住房情况自建砖瓦房三间',
      '生活状况家具陈旧',
      '收入情况申请人在附近超市做理货员，月工资约1,500元',
      '调查人赵敏（签字）：',
      '调查人孙建国（签字）：',
      '调查人周丽（签字）：',
      '申请人（签字）：',
    ])
      expect(text).toContain(s);
  });

  it('a home visit by fewer than two investigators is refused', async () => {
    await expect(homeVisitRecordPdf({ ...visit, investigators: ['赵敏'] })).rejects.toThrow(/two investigators/);
  });

  it('the refusal notice states the reason and the right to reconsideration or a lawsuit', async () => {
    const pdf = await refusalNoticePdf(refusal);
    expectSmallChinesePdf(pdf);
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    const text = pages[0];
    for (const s of [
      '不予批准通知书',
      '刘振华：',
      '你（户）于2026年10月20日提出的低保申请（申请编号：DB-370811-2026-000124）',
      '决定不予批准',
      '不予批准的理由：经家庭经济状况核对，家庭成员名下有机动车辆一辆，超出本市规定的财产认定标准。',
      '如对本决定不服，可以自收到本通知书之日起60日内向任城区人民政府申请行政复议，或者在6个月内依法向人民法院提起行政诉讼',
      '任城区民政局（盖章）',
      '2026年11月18日',
    ])
      expect(text).toContain(s);
  });

  it('the approval notice states the people covered, the monthly amount with its breakdown and the first month paid', async () => {
    const pdf = await approvalNoticePdf(approval);
    expectSmallChinesePdf(pdf);
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    const text = pages[0];
    for (const s of [
      '批准通知书',
      '王秀英：',
      '决定予以批准',
      '保障人数3人',
      '月救助金额1,572.00元',
      '计算方式924×3−1,200=1,572元',
      '2026年12月起',
      '任城区民政局（盖章）',
      '2026年11月20日',
    ])
      expect(text).toContain(s);
  });
});
