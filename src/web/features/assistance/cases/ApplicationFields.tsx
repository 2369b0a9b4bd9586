/**
 * The application form (申请) shared by the window (窗口受理) and the resident's online application:
 * members with covered / incomes / rigid costs, assets, the category's own questions (临时救助 type
 * and amount, 特困 self-care and supporters, 单人保), the bank account and the signed declarations.
 * Amounts are typed in 元 and sent in 分 (the contract: src/shared/assistance/applications.ts).
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Grid,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { api, ApiError } from '../../../app/api';
import { applyServerErrors } from '../../../app/forms';
import { uuid } from '../../../app/jobs';
import { relationName } from '../../../../shared/registry-codes';
import { incomeKinds, temporaryTypes, type AssistanceCategory, type IncomeKind } from '../../../../shared/assistance-codes';
import { selfCareItems, selfCareLevel, selfCareLevels, type SelfCareItem, type SelfCareLevel } from '../../../../shared/assistance-rules';
import { parseYuan, yuan } from '../../../../shared/money';
import type { Prefill } from '../../../../shared/assistance/applications';
import type { CaseFiled } from '../../../../shared/portal/applications';

const selfCareColors: Record<SelfCareLevel, string> = { self: 'green', partial: 'orange', total: 'red' };

interface MemberValues {
  personId: number;
  name: string;
  relation: string | null;
  covered: boolean;
  incomes: { kind?: IncomeKind; amountYuan?: number }[];
  rigidCostsYuan?: number;
  majorIllness?: boolean;
}

export interface ApplicationValues {
  /** None until chosen, where the registry's household has no member to propose (prefill). */
  applicantPersonId?: number;
  temporaryType?: 'emergency' | 'expense';
  mostUrgent?: boolean;
  requestedAmountYuan?: number;
  members: MemberValues[];
  assets: { depositsYuan?: number; vehicles?: number; extraHouses?: number };
  reason: string;
  singleCoverage?: boolean;
  selfCareUnable?: SelfCareItem[];
  hasAbleSupporter?: boolean;
  irregularIncome?: boolean;
  staffRelative?: boolean;
  bankName: string;
  bankAccount: string;
  commitmentSigned?: boolean;
  checkAuthorised?: boolean;
}

const incomeOptions = Object.entries(incomeKinds).map(([value, label]) => ({ value, label }));
const fen = (v: number | undefined | null) => (v === undefined || v === null ? 0 : (parseYuan(v) ?? 0));
const yuanOf = (f: number) => f / 100;

/** The members part of the form from a pre-fill (the registry's members and their pensions). */
export function membersFromPrefill(p: Prefill): Pick<ApplicationValues, 'members' | 'applicantPersonId'> {
  return {
    applicantPersonId: p.applicantPersonId,
    members: p.members.map((m) => ({
      personId: m.personId,
      name: m.name,
      relation: m.relation,
      covered: m.covered,
      incomes: m.incomes.map((i) => ({ kind: i.kind, amountYuan: yuanOf(i.monthlyFen) })),
    })),
  };
}

export const defaultValues: Partial<ApplicationValues> = {
  assets: { depositsYuan: 0, vehicles: 0, extraHouses: 0 },
  selfCareUnable: [],
  hasAbleSupporter: false,
  staffRelative: false,
};

/** The request body of POST /api/assistance/cases and /api/portal/assistance. */
export function toApplicationBody(category: AssistanceCategory, householdId: number, v: ApplicationValues) {
  return {
    category,
    householdId,
    applicantPersonId: v.applicantPersonId,
    ...(category === 'temporary'
      ? {
          temporaryType: v.temporaryType,
          mostUrgent: Boolean(v.mostUrgent),
          requestedAmountFen: v.requestedAmountYuan ? fen(v.requestedAmountYuan) : undefined,
        }
      : {}),
    members: v.members.map((m) => ({
      personId: m.personId,
      covered: Boolean(m.covered),
      incomes: (m.incomes ?? []).filter((i) => i.kind && i.amountYuan).map((i) => ({ kind: i.kind!, monthlyFen: fen(i.amountYuan) })),
      ...(m.rigidCostsYuan ? { rigidCostsFen: fen(m.rigidCostsYuan) } : {}),
      ...(m.majorIllness ? { majorIllness: true } : {}),
    })),
    assets: { depositsFen: fen(v.assets?.depositsYuan), vehicles: v.assets?.vehicles ?? 0, extraHouses: v.assets?.extraHouses ?? 0 },
    reason: v.reason?.trim() ?? '',
    ...(category === 'dibao' ? { singleCoverage: Boolean(v.singleCoverage) } : {}),
    ...(category === 'tekun' ? { selfCareUnable: v.selfCareUnable ?? [], hasAbleSupporter: Boolean(v.hasAbleSupporter) } : {}),
    irregularIncome: Boolean(v.irregularIncome),
    staffRelative: Boolean(v.staffRelative),
    bankName: v.bankName?.trim() ?? '',
    bankAccount: (v.bankAccount ?? '').replace(/\s+/g, ''),
    commitmentSigned: Boolean(v.commitmentSigned),
    checkAuthorised: Boolean(v.checkAuthorised),
  };
}

/** Puts the server's field errors on the form; the API names amounts in 分, the form in 元. */
function showApplicationErrors(form: FormInstance, err: unknown): string {
  const rename: Record<string, string> = {};
  if (err instanceof ApiError) {
    for (const f of err.details.fields ?? []) {
      const to = f.field
        .replace(/\.monthlyFen$/, '.amountYuan')
        .replace(/rigidCostsFen$/, 'rigidCostsYuan')
        .replace(/^assets\.depositsFen$/, 'assets.depositsYuan')
        .replace(/^requestedAmountFen$/, 'requestedAmountYuan');
      if (to !== f.field) rename[f.field] = to;
    }
  }
  return applyServerErrors(form, err, rename);
}

/**
 * The application form on a page (窗口受理, 申请救助): the members follow the registry's prefill (a
 * new household or category fills them again; what was typed elsewhere, reason or bank account,
 * stays), one Idempotency-Key per form (a double click files one case), and `send`, which posts the
 * values as `body` makes them and puts the server's field errors onto the form.
 */
export function useApplicationForm(prefill: Prefill | undefined) {
  const [form] = Form.useForm<ApplicationValues>();
  const [key] = useState(uuid);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (prefill) form.setFieldsValue(membersFromPrefill(prefill));
  }, [prefill, form]);
  const send = async (url: string, body: (values: ApplicationValues) => unknown, onCreated: (created: CaseFiled) => void) => {
    setError(null);
    setBusy(true);
    try {
      const values = form.getFieldsValue(true) as ApplicationValues;
      onCreated(await api.post<CaseFiled>(url, body(values), { 'Idempotency-Key': key }));
    } catch (e) {
      setError(showApplicationErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return { form, error, setError, busy, send };
}

export function ApplicationFields({ category, mode }: { category: AssistanceCategory; mode: 'window' | 'portal' }) {
  const form = Form.useFormInstance<ApplicationValues>();
  const members = (Form.useWatch('members', { form, preserve: true }) ?? []) as MemberValues[];
  const temporaryType = Form.useWatch('temporaryType', form);
  const unable = (Form.useWatch('selfCareUnable', form) ?? []) as SelfCareItem[];
  const single = Form.useWatch('singleCoverage', form);
  const coveredCount = members.filter((m) => m?.covered).length;
  const monthlyIncome = members.reduce((s, m) => s + (m?.incomes ?? []).reduce((t, i) => t + fen(i?.amountYuan), 0), 0);
  const you = mode === 'portal' ? '您' : '申请人';
  const narrow = !(Grid.useBreakpoint().md ?? true);

  return (
    <>
      {category === 'temporary' && (
        <Card size="small" title="临时救助" className="section-gap">
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item name="temporaryType" label="救助类型" rules={[{ required: true, message: '请选择临时救助类型' }]}>
                <Radio.Group data-testid="apply-temporaryType">
                  {Object.entries(temporaryTypes).map(([v, l]) => (
                    <Radio.Button key={v} value={v}>
                      {l}
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </Form.Item>
            </Col>
            <Col xs={24} md={7}>
              <Form.Item name="requestedAmountYuan" label="申请救助金额" rules={[{ required: true, message: '请填写申请救助金额' }]}>
                <InputNumber
                  min={0.01}
                  max={1_000_000}
                  precision={2}
                  suffix="元"
                  style={{ width: '100%' }}
                  data-testid="apply-requestedAmount"
                />
              </Form.Item>
            </Col>
            {temporaryType === 'emergency' && (
              <Col xs={24} md={7}>
                <Form.Item name="mostUrgent" valuePropName="checked" label="紧急程度">
                  <Checkbox>最紧急（2 小时内先行救助）</Checkbox>
                </Form.Item>
              </Col>
            )}
          </Row>
          <Typography.Text type="secondary">
            急难型（意外事故、火灾、突发重病）可先行救助，事后补齐材料；支出型（医疗、教育等支出过大）按正常程序审核审批。
          </Typography.Text>
        </Card>
      )}

      <Card
        size="small"
        title="家庭成员及收入"
        className="section-gap"
        extra={
          <span className="hint">
            纳入保障 {coveredCount} 人 · 申报月收入合计 {yuan(monthlyIncome)} 元
          </span>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          家庭成员来自人口与家庭库。{category === 'tekun' ? '特困人员按个人认定：只勾选申请认定的一人。' : '勾选本次申请纳入保障的成员。'}
          收入按月填写（元/月）：工资性收入、经营净收入、财产净收入、转移净收入等；优抚金、奖学金等不计入收入的项目也请如实选择类别填写，系统按政策自动扣除。
        </Typography.Paragraph>
        <Form.List name="members">
          {(fields) => {
            const illness = category === 'dibao' && Boolean(single);
            const parts = (f: { name: number }, i: number) => ({
              covered: (
                <Form.Item name={[f.name, 'covered']} valuePropName="checked" noStyle>
                  <Checkbox data-testid={`member-${i}-covered`}>{narrow ? '纳入保障' : null}</Checkbox>
                </Form.Item>
              ),
              name: (
                <span data-testid={`member-${i}-name`}>
                  {members[i]?.name} <span className="hint">{relationName(members[i]?.relation)}</span>
                </span>
              ),
              incomes: <IncomeList member={f.name} index={i} narrow={narrow} />,
              rigid: (
                <Form.Item name={[f.name, 'rigidCostsYuan']} style={{ marginBottom: 0 }}>
                  <InputNumber
                    min={0}
                    max={1_000_000}
                    precision={2}
                    suffix="元/月"
                    placeholder="无"
                    style={{ width: 150 }}
                    data-testid={`member-${i}-rigid`}
                  />
                </Form.Item>
              ),
              illness: (
                <Form.Item name={[f.name, 'majorIllness']} valuePropName="checked" noStyle>
                  <Checkbox data-testid={`member-${i}-illness`}>{narrow ? '患重大疾病' : null}</Checkbox>
                </Form.Item>
              ),
            });
            // On a phone each member is a card (a table would put 月收入 and 刚性支出 off-screen).
            if (narrow) {
              return (
                <div>
                  {fields.map((f, i) => {
                    const p = parts(f, i);
                    return (
                      <section key={f.key} className="member-card" data-testid="member-card">
                        <div className="member-card-head">
                          {p.name}
                          {p.covered}
                        </div>
                        <div className="member-card-label">月收入</div>
                        {p.incomes}
                        <div className="member-card-label">因病因残刚性支出</div>
                        {p.rigid}
                        {illness && <div style={{ marginTop: 8 }}>{p.illness}</div>}
                      </section>
                    );
                  })}
                </div>
              );
            }
            return (
              <Table
                rowKey="key"
                size="small"
                pagination={false}
                dataSource={fields}
                columns={[
                  { title: '纳入保障', key: 'covered', width: 80, align: 'center', render: (_: unknown, f, i) => parts(f, i).covered },
                  { title: '成员', key: 'name', width: 130, render: (_: unknown, f, i) => parts(f, i).name },
                  { title: '月收入', key: 'incomes', render: (_: unknown, f, i) => parts(f, i).incomes },
                  { title: '因病因残刚性支出', key: 'rigid', width: 170, render: (_: unknown, f, i) => parts(f, i).rigid },
                  ...(illness
                    ? [
                        {
                          title: '重大疾病',
                          key: 'illness',
                          width: 90,
                          align: 'center' as const,
                          render: (_: unknown, f: { name: number }, i: number) => parts(f, i).illness,
                        },
                      ]
                    : []),
                ]}
              />
            );
          }}
        </Form.List>
        <Row gutter={16} style={{ marginTop: 12 }}>
          {mode === 'window' && (
            <Col xs={24} md={8}>
              <Form.Item name="applicantPersonId" label="申请人" rules={[{ required: true, message: '请选择申请人' }]}>
                <Select options={members.map((m) => ({ value: m.personId, label: m.name }))} data-testid="apply-applicant" />
              </Form.Item>
            </Col>
          )}
          {category !== 'temporary' && (
            <Col xs={24} md={mode === 'window' ? 16 : 24}>
              <Form.Item label="收入情况" style={{ marginBottom: 0 }}>
                <Space wrap>
                  <Form.Item name="irregularIncome" valuePropName="checked" noStyle>
                    <Checkbox data-testid="apply-irregularIncome">收入不固定（灵活就业、季节性务工等，每 6 个月复核）</Checkbox>
                  </Form.Item>
                  {category === 'dibao' && (
                    <Form.Item name="singleCoverage" valuePropName="checked" noStyle>
                      <Checkbox data-testid="apply-singleCoverage">单人保（重度残疾或重病成员单独纳入）</Checkbox>
                    </Form.Item>
                  )}
                </Space>
              </Form.Item>
            </Col>
          )}
        </Row>
        {category === 'dibao' && single && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 8 }}
            title="单人保：家庭人均收入低于低保标准 1.5 倍的低保边缘家庭中，一二级重度残疾人（或三级智力、精神残疾人）或患重大疾病的成员可单独纳入。只勾选这一名成员，并在“重大疾病”栏标明。"
          />
        )}
      </Card>

      {category === 'tekun' && (
        <Card size="small" title="特困人员认定" className="section-gap">
          <Form.Item
            name="selfCareUnable"
            label="生活自理能力评估：不能独立完成的项目"
            extra={
              <>
                评估结果：
                <Tag color={selfCareColors[selfCareLevel(unable)]} data-testid="selfcare-level">
                  {selfCareLevels[selfCareLevel(unable)]}
                </Tag>
                （6 项均能完成为全自理，1–3 项不能为部分丧失，4 项以上为完全丧失；决定照料护理标准）
              </>
            }
          >
            <Checkbox.Group
              options={Object.entries(selfCareItems).map(([value, label]) => ({ value, label }))}
              data-testid="apply-selfCare"
            />
          </Form.Item>
          <Form.Item name="hasAbleSupporter" label="法定赡养、抚养、扶养义务人" rules={[{ required: true, message: '请选择' }]}>
            <Radio.Group data-testid="apply-hasAbleSupporter">
              <Radio value={false}>无法定义务人，或义务人无履行能力</Radio>
              <Radio value={true}>有具备赡养（抚养、扶养）能力的法定义务人</Radio>
            </Radio.Group>
          </Form.Item>
        </Card>
      )}

      <Card size="small" title="家庭财产" className="section-gap">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name={['assets', 'depositsYuan']}
              label="存款、有价证券等金融资产合计"
              rules={[{ required: true, message: '请填写，没有填 0' }]}
            >
              <InputNumber min={0} max={100_000_000} precision={2} suffix="元" style={{ width: '100%' }} data-testid="apply-deposits" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name={['assets', 'vehicles']} label="机动车（不含残疾人代步车）">
              <InputNumber min={0} max={20} precision={0} suffix="辆" style={{ width: '100%' }} data-testid="apply-vehicles" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name={['assets', 'extraHouses']} label="自住以外的房产">
              <InputNumber min={0} max={20} precision={0} suffix="套" style={{ width: '100%' }} data-testid="apply-houses" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title="申请理由与发放账户" className="section-gap">
        <Form.Item
          name="reason"
          label="申请理由"
          rules={[
            { required: true, whitespace: true, message: '请填写申请理由' },
            { min: 4, message: '请写明家庭困难的原因' },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            showCount
            placeholder="如：户主经营小卖部收入低，配偶长期患病"
            data-testid="apply-reason"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item
              name="bankName"
              label="开户银行"
              rules={[
                { required: true, whitespace: true, message: '请填写开户银行' },
                { min: 2, message: '请填写开户银行全称' },
              ]}
            >
              <Input maxLength={50} placeholder="如：济宁银行任城支行" data-testid="apply-bankName" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name="bankAccount"
              label={`银行账号（${you}本人账户）`}
              normalize={(v: string) => v?.replace(/\s+/g, '')}
              rules={[
                { required: true, message: '请填写银行账号' },
                { pattern: /^\d{8,30}$/, message: '银行账号应为 8–30 位数字' },
              ]}
            >
              <Input maxLength={30} inputMode="numeric" autoComplete="off" data-testid="apply-bankAccount" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title="声明与授权" className="section-gap">
        <Space orientation="vertical">
          <Form.Item name="staffRelative" valuePropName="checked" noStyle>
            <Checkbox data-testid="apply-staffRelative">
              {mode === 'portal' ? '我或家庭成员' : '申请人或家庭成员'}
              是村（居）委会成员或社会救助经办人员的近亲属（须单独登记，由县级入户核查）
            </Checkbox>
          </Form.Item>
          <Form.Item
            name="commitmentSigned"
            valuePropName="checked"
            style={{ marginBottom: 0 }}
            rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('申请人须签署承诺书'))) }]}
          >
            <Checkbox data-testid="apply-commitment">
              {mode === 'portal'
                ? '我承诺所填信息真实完整，如有隐瞒或虚报，愿承担相应责任'
                : '申请人已签署承诺书（如实申报家庭收入和财产，虚报瞒报承担责任）'}
            </Checkbox>
          </Form.Item>
          <Form.Item name="checkAuthorised" valuePropName="checked" noStyle>
            <Checkbox data-testid="apply-checkAuthorised">
              {mode === 'portal' ? '我和共同生活的家庭成员同意民政部门核对家庭经济状况' : '申请人及家庭成员已签署家庭经济状况核对授权书'}
            </Checkbox>
          </Form.Item>
          {category !== 'temporary' && (
            <Typography.Text type="secondary">未授权的不能发起家庭经济状况核对，申请将无法审核。</Typography.Text>
          )}
        </Space>
      </Card>
    </>
  );
}

/** One member's incomes: kind + amount per line, any number of lines (on a phone the amount goes under the kind). */
function IncomeList({ member, index, narrow }: { member: number; index: number; narrow: boolean }) {
  return (
    <Form.List name={[member, 'incomes']}>
      {(fields, { add, remove }) => (
        <Space orientation="vertical" size={4} style={narrow ? { width: '100%' } : undefined}>
          {fields.map((f, j) => (
            <Space key={f.key} size={4} align="start" wrap={narrow}>
              <Form.Item name={[f.name, 'kind']} style={{ marginBottom: 0 }} rules={[{ required: true, message: '请选择收入类别' }]}>
                <Select
                  options={incomeOptions}
                  placeholder="收入类别"
                  style={{ width: narrow ? 240 : 190, maxWidth: '100%' }}
                  data-testid={`member-${index}-income-${j}-kind`}
                />
              </Form.Item>
              <Form.Item name={[f.name, 'amountYuan']} style={{ marginBottom: 0 }} rules={[{ required: true, message: '请填写金额' }]}>
                <InputNumber
                  min={0}
                  max={1_000_000}
                  precision={2}
                  suffix="元/月"
                  style={{ width: 150 }}
                  data-testid={`member-${index}-income-${j}-amount`}
                />
              </Form.Item>
              <Button type="link" danger size="small" onClick={() => remove(f.name)}>
                删除
              </Button>
            </Space>
          ))}
          <Button type="dashed" size="small" onClick={() => add({})} data-testid={`member-${index}-income-add`}>
            + 收入
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
