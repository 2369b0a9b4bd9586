/**
 * One workflow action on a case (POST /api/assistance/cases/:id/actions/:code with the version the
 * page showed): a reason when the action needs one, the home-visit record, the amount paid first,
 * the spot-check result. A 409 (someone acted first, or the order is wrong) is shown and the case
 * is read again; a field error goes onto its field.
 */
import { Alert, Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../../app/api';
import { parseYuan } from '../../../../shared/money';
import { useSubmit } from '../../../app/forms';
import type { AllowedAction } from '../../../../shared/assistance/cases';
import { afterToday, today } from '../../../app/today';
import { checkAgencies } from '../../../../shared/assistance-codes';
import { supportModes } from '../../../../shared/assistance/support-mode';

/** What happens when the action is done, in the words of the case worker. */
const hints: Record<string, string> = {
  accept: '材料齐全、符合受理条件：受理后开始计算办理期限。',
  reject: '不符合申请条件的，书面告知不予受理的理由。',
  request_documents: '一次性告知申请人需要补正的全部材料，申请人可在网上看到并补正后重新提交。',
  request_check: '向县级家庭经济状况核对机构发起核对（须已取得申请人及家庭成员的授权）。默认向全部 7 个部门核对，可按家庭情况选择。',
  complete_check: '各核对部门均已回复、核对发现均已处理，进入入户调查。未收到全部回复的，须勾选下方选项并说明理由，理由记入办理记录。',
  start_investigation: '开始入户调查，了解家庭实际生活状况。',
  record_visit: '入户调查须由 2 名以上工作人员进行，调查记录经调查人和申请人签字确认。',
  township_agree:
    '系统将按下月适用的救助标准自动核算救助金额。低保、特困（及本县规定须公示的类别）随后在所在村（社区）公示 7 天，期满无异议自动转入审批。',
  township_disagree: '写明不同意的理由，案件转入审批环节：审批机关可不予批准，或退回重新调查并公示。',
  return_for_review: '审批机关不同意乡镇的审核意见时，退回重新入户调查；拟同意的审核意见须公示 7 天后方可批准。',
  record_followup_visit: '先行救助后补做入户调查：须由 2 名以上工作人员进行，调查记录经调查人和申请人签字确认。补齐材料前须完成。',
  object: '公示期间有异议的，重新组织调查或民主评议。',
  approve: '批准后自下月起按月发放，生成享受待遇记录并进入发放名册。受理人和入户调查人不能审批本案（不相容岗位分离）。',
  refuse: '写明不予批准的理由：将载入《不予批准通知书》，3 个工作日内书面告知申请人，并告知其申请复议或诉讼的权利。',
  pay_first: '急难型临时救助先行救助（济时救），事后 5 个工作日内补齐材料。',
  complete_paperwork: '先行救助后材料已补齐，完成审批。',
  withdraw: '申请人主动撤回申请，请记录撤回原因。',
  extend: '因有异议、家庭成员不在户籍地或调查难度大等情况，办理期限可延长至 45 个工作日。',
  spot_check: '县级对乡镇批准的特困供养档案进行抽查。',
};

/** Actions that record a home visit with its form. */
const isVisit = (code: string) => code === 'record_visit' || code === 'record_followup_visit';

/** The visible style of an action's button. */
export function actionStyle(code: string): 'primary' | 'danger' | 'default' {
  if (['reject', 'refuse', 'township_disagree', 'withdraw'].includes(code)) return 'danger';
  if (['extend', 'object', 'request_documents'].includes(code)) return 'default';
  return 'primary';
}

interface Values {
  reason?: string;
  data?: {
    visitDate?: Dayjs;
    investigators?: string[];
    findings?: { housing?: string; livingConditions?: string; income?: string; other?: string };
    signed?: boolean;
    amountYuan?: number;
    result?: 'passed' | 'failed';
    agencies?: string[];
    override?: boolean;
    /** 特困 approval: the 供养方式 (src/shared/assistance/support-mode.ts). */
    supportMode?: { mode?: 'scattered' | 'centralised'; facility?: string };
  };
}

export function ActionModal({
  caseId,
  version,
  action,
  category,
  onClose,
  onDone,
}: {
  caseId: number;
  version: number;
  action: AllowedAction;
  /** The case's category: a 特困 approval asks for the 供养方式. */
  category?: string;
  onClose: () => void;
  /** After success, and after a 409 (the case changed): read the case again. */
  onDone: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  const code = action.code;

  const submit = (v: Values) =>
    run(
      form,
      () =>
        api.post(`/api/assistance/cases/${caseId}/actions/${code}`, {
          version,
          reason: v.reason?.trim() || undefined,
          data: dataOf(code, v),
        }),
      `已${action.label}`,
      { 'data.amountFen': 'data.amountYuan' },
    );

  return (
    <Modal
      open
      title={action.label}
      width={isVisit(code) ? 760 : 560}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            danger={actionStyle(code) === 'danger'}
            loading={busy}
            onClick={() => form.submit()}
            data-testid="action-confirm"
          >
            确定{action.label}
          </Button>
        </Space>
      }
    >
      {hints[code] && <Typography.Paragraph type="secondary">{hints[code]}</Typography.Paragraph>}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={isVisit(code) ? { data: { visitDate: today(), investigators: [] } } : undefined}
      >
        {isVisit(code) && <VisitFields />}
        {code === 'approve' && category === 'tekun' && <SupportModeFields />}
        {code === 'pay_first' && (
          <Form.Item name={['data', 'amountYuan']} label="先行救助金额" rules={[{ required: true, message: '请填写救助金额' }]}>
            <InputNumber min={0.01} max={1_000_000} precision={2} suffix="元" style={{ width: 220 }} data-testid="action-amount" />
          </Form.Item>
        )}
        {code === 'request_check' && (
          <Form.Item
            name={['data', 'agencies']}
            label="核对部门"
            initialValue={Object.keys(checkAgencies)}
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个核对部门' }]}
          >
            <Checkbox.Group
              options={Object.entries(checkAgencies).map(([value, label]) => ({ value, label }))}
              data-testid="action-agencies"
            />
          </Form.Item>
        )}
        {code === 'complete_check' && (
          <Form.Item name={['data', 'override']} valuePropName="checked">
            <Checkbox data-testid="action-override">未收到全部核对部门的回复，仍完成核对（须在下方说明理由）</Checkbox>
          </Form.Item>
        )}
        {code === 'spot_check' && (
          <Form.Item name={['data', 'result']} label="抽查结论" rules={[{ required: true, message: '请选择抽查结论' }]}>
            <Radio.Group data-testid="action-result">
              <Radio value="passed">通过：认定准确、材料齐全</Radio>
              <Radio value="failed">不通过：须纠正</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={action.reasonRequired ? (code === 'request_documents' ? '需补正的材料（一次性告知）' : '理由') : '说明（选填）'}
          rules={action.reasonRequired ? [{ required: true, whitespace: true, message: `「${action.label}」须填写理由` }] : []}
        >
          <Input.TextArea
            rows={action.reasonRequired ? 4 : 2}
            maxLength={2000}
            showCount
            placeholder={code === 'request_documents' ? '如：请补充 1. 配偶病历；2. 近 6 个月收入证明' : undefined}
            data-testid="action-reason"
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="action-error" />}
    </Modal>
  );
}

function VisitFields() {
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={['data', 'visitDate']} label="调查日期" rules={[{ required: true, message: '请选择调查日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={afterToday} data-testid="visit-date" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name={['data', 'investigators']}
            label="调查人员（至少 2 人）"
            rules={[
              {
                validator: (_, v: string[] | undefined) =>
                  new Set((v ?? []).map((s) => s.trim()).filter(Boolean)).size >= 2
                    ? Promise.resolve()
                    : Promise.reject(new Error('入户调查须由 2 名以上调查人员进行')),
              },
            ]}
          >
            <Select
              mode="tags"
              suffixIcon={null}
              notFoundContent={null}
              tokenSeparators={[',', '，', '、', ' ']}
              placeholder="输入姓名后按回车，可输入多人"
              data-testid="visit-investigators"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={['data', 'findings', 'housing']}
        label="住房情况"
        rules={[{ required: true, whitespace: true, message: '请填写住房情况' }]}
      >
        <Input.TextArea rows={2} maxLength={1000} placeholder="如：自有平房两间，约 40 平方米" data-testid="visit-housing" />
      </Form.Item>
      <Form.Item
        name={['data', 'findings', 'livingConditions']}
        label="生活状况"
        rules={[{ required: true, whitespace: true, message: '请填写生活状况' }]}
      >
        <Input.TextArea rows={2} maxLength={1000} placeholder="如：家电简陋，配偶长期卧床" data-testid="visit-living" />
      </Form.Item>
      <Form.Item
        name={['data', 'findings', 'income']}
        label="收入情况"
        rules={[{ required: true, whitespace: true, message: '请填写收入情况' }]}
      >
        <Input.TextArea rows={2} maxLength={1000} placeholder="如：小卖部月收入约一千二百元" data-testid="visit-income" />
      </Form.Item>
      <Form.Item name={['data', 'findings', 'other']} label="其他情况">
        <Input.TextArea rows={2} maxLength={1000} data-testid="visit-other" />
      </Form.Item>
      <Form.Item
        name={['data', 'signed']}
        valuePropName="checked"
        rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('调查记录须经调查人和申请人签字确认'))) }]}
      >
        <Checkbox data-testid="visit-signed">调查记录已经调查人和申请人签字确认</Checkbox>
      </Form.Item>
    </>
  );
}

/** 供养方式 at a 特困 approval: 分散供养 (visited at home by the township) or 集中供养 in a named facility. */
function SupportModeFields() {
  const mode = Form.useWatch(['data', 'supportMode', 'mode']) as string | undefined;
  return (
    <>
      <Form.Item
        name={['data', 'supportMode', 'mode']}
        label="供养方式"
        initialValue="scattered"
        rules={[{ required: true, message: '请选择供养方式' }]}
      >
        <Radio.Group options={Object.entries(supportModes).map(([value, label]) => ({ value, label }))} data-testid="action-support-mode" />
      </Form.Item>
      {mode === 'centralised' && (
        <Form.Item
          name={['data', 'supportMode', 'facility']}
          label="供养机构"
          rules={[{ required: true, message: '集中供养须填写供养机构名称' }]}
        >
          <Input maxLength={100} placeholder="如：任城区中心敬老院" />
        </Form.Item>
      )}
    </>
  );
}

function dataOf(code: string, v: Values): Record<string, unknown> {
  const d = v.data ?? {};
  switch (code) {
    case 'record_visit':
    case 'record_followup_visit':
      return {
        visitDate: d.visitDate?.format('YYYY-MM-DD'),
        investigators: (d.investigators ?? []).map((s) => s.trim()).filter(Boolean),
        findings: {
          housing: d.findings?.housing?.trim(),
          livingConditions: d.findings?.livingConditions?.trim(),
          income: d.findings?.income?.trim(),
          other: d.findings?.other?.trim() || undefined,
        },
        signed: Boolean(d.signed),
      };
    case 'pay_first':
      return { amountFen: d.amountYuan ? parseYuan(d.amountYuan) : 0 };
    case 'approve':
      return d.supportMode?.mode
        ? { supportMode: { mode: d.supportMode.mode, facility: d.supportMode.facility?.trim() || undefined } }
        : {};
    case 'spot_check':
      return { result: d.result };
    case 'request_check':
      return { agencies: d.agencies };
    case 'complete_check':
      return d.override ? { override: true } : {};
    default:
      return {};
  }
}
