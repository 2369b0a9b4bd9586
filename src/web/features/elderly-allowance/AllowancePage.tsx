import { useState } from 'react';
import { Button, Card, DatePicker, Descriptions, Form, Input, Select, Space, Spin, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, dateTime, errorMessage } from '../../app/api';
import { useSubmit } from '../../app/forms';
import { PageHeader } from '../../app/list';
import { NotFoundResult } from '../../app/Results';
import { FormDialog } from '../../components/FormDialog';
import { Money } from '../../components/Money';
import { allowanceStatuses, allowanceStopReasons, type AllowanceStopReason } from '../../../shared/elderly-allowance/codes';
import type { AllowanceDetail, ConfirmInput, RefuseInput, ReopenInput } from '../../../shared/elderly-allowance/allowances';
import { nextMonth, toMonth } from '../../app/months';
import { thisMonth } from '../../app/today';
import { StatusTag } from './AllowancesPage';
import { useCan } from '../../app/auth';
import { AccountModal } from '../payees/AccountModal';

type History = AllowanceDetail['history'][number];

/**
 * A 高龄津贴 record: the person, the band and amount of this month, the payee account, the history and the
 * township's buttons — 确认首次发放 and 不予发放 of a record 待确认, 重新受理 of one refused, 停发 of one
 * paying, 恢复发放 of one the township stopped (the server says which: `allowedActions`).
 */
export function AllowancePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [dialog, setDialog] = useState<'confirm' | 'refuse' | 'reopen' | 'stop' | 'resume' | 'account' | null>(null);
  const can = useCan();
  const key = ['elderly-allowance', id];
  const { data, error, isLoading } = useQuery({
    queryKey: key,
    queryFn: () => api.get<AllowanceDetail>(`/api/elderly-allowance/allowances/${id}`),
  });
  if (error) return <NotFoundResult title={errorMessage(error)} back="/elderly-allowance/allowances" backLabel="返回高龄津贴对象" />;
  if (isLoading || !data) return <Spin />;
  const reload = () => {
    void client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: ['elderly-allowances'] });
    void client.invalidateQueries({ queryKey: ['elderly-worklist'] });
  };
  return (
    <div>
      <PageHeader
        title={`高龄津贴：${data.name}`}
        extra={
          <Space wrap>
            {data.allowedActions.includes('confirm') && (
              <Button type="primary" onClick={() => setDialog('confirm')} data-testid="elderly-confirm">
                确认首次发放
              </Button>
            )}
            {data.allowedActions.includes('refuse') && (
              <Button danger onClick={() => setDialog('refuse')} data-testid="elderly-refuse">
                不予发放
              </Button>
            )}
            {data.allowedActions.includes('reopen') && (
              <Button type="primary" onClick={() => setDialog('reopen')} data-testid="elderly-reopen">
                重新受理
              </Button>
            )}
            {data.allowedActions.includes('stop') && (
              <Button danger onClick={() => setDialog('stop')} data-testid="elderly-stop">
                停发
              </Button>
            )}
            {data.allowedActions.includes('resume') && (
              <Button type="primary" onClick={() => setDialog('resume')} data-testid="elderly-resume">
                恢复发放
              </Button>
            )}
            {data.payee && can('elderly_allowance.confirm') && (
              <Button onClick={() => setDialog('account')} data-testid="elderly-account-change">
                更正发放账户
              </Button>
            )}
            <Button onClick={() => navigate(-1)}>返回</Button>
          </Space>
        }
      />
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="状态">
            <StatusTag status={data.status} name={data.statusName} />
          </Descriptions.Item>
          <Descriptions.Item label="身份证号">{data.idNumber}</Descriptions.Item>
          <Descriptions.Item label="出生日期">{data.birthDate}</Descriptions.Item>
          <Descriptions.Item label="本月年龄">{data.age === null ? '' : `${data.age} 周岁`}</Descriptions.Item>
          <Descriptions.Item label="年龄段">{data.bandName}</Descriptions.Item>
          <Descriptions.Item label="本月金额">
            <Money fen={data.monthlyFen} />
          </Descriptions.Item>
          <Descriptions.Item label="户籍地">{data.divisionName}</Descriptions.Item>
          <Descriptions.Item label="起始月份">{data.startMonth}</Descriptions.Item>
          <Descriptions.Item label="截止月份">{data.endMonth ?? '（持续发放）'}</Descriptions.Item>
          {data.diedOn && <Descriptions.Item label="死亡日期">{data.diedOn}</Descriptions.Item>}
          <Descriptions.Item label="发放账户">
            {data.payee ? `${data.payee.bankName ?? ''} ${data.payee.account ?? ''}` : '（确认首次发放时登记）'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="办理记录" style={{ marginTop: 16 }}>
        <Table<History>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={data.history}
          columns={[
            { title: '时间', dataIndex: 'at', render: (v: string) => dateTime(v) },
            { title: '事项', dataIndex: 'actionName' },
            {
              title: '原状态',
              dataIndex: 'fromStatus',
              render: (s: keyof typeof allowanceStatuses | null) => (s ? allowanceStatuses[s] : ''),
            },
            { title: '新状态', dataIndex: 'toStatus', render: (s: keyof typeof allowanceStatuses) => allowanceStatuses[s] },
            { title: '办理人', dataIndex: 'actorName' },
            { title: '说明', dataIndex: 'reason' },
          ]}
        />
      </Card>
      {dialog === 'confirm' && <ConfirmDialog detail={data} onDone={reload} onClose={() => setDialog(null)} />}
      {dialog === 'refuse' && <RefuseDialog detail={data} onDone={reload} onClose={() => setDialog(null)} />}
      {dialog === 'reopen' && <ReopenDialog detail={data} onDone={reload} onClose={() => setDialog(null)} />}
      {dialog === 'stop' && <StopDialog detail={data} onDone={reload} onClose={() => setDialog(null)} />}
      {dialog === 'resume' && <ResumeDialog detail={data} onDone={reload} onClose={() => setDialog(null)} />}
      {dialog === 'account' && data.payee && (
        <AccountModal programme="elderly_allowance" id={data.payee.id} onClose={() => setDialog(null)} onDone={reload} />
      )}
    </div>
  );
}

function ConfirmDialog({ detail, onDone, onClose }: { detail: AllowanceDetail; onDone: () => void; onClose: () => void }) {
  const [form] = Form.useForm<Omit<ConfirmInput, 'version'>>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  const submit = async () => {
    const v = await form.validateFields();
    await run(
      form,
      () => api.post(`/api/elderly-allowance/allowances/${detail.id}/confirm`, { ...v, version: detail.version }),
      '已确认首次发放',
    );
  };
  return (
    <FormDialog
      title="确认首次发放"
      testId="elderly-confirm-dialog"
      confirm="确认发放"
      busy={busy}
      error={error}
      intro={`核实本人健在、户籍在本辖区后，登记发放账户。自 ${detail.startMonth} 起列入县级发放名册。`}
      onClose={onClose}
      onOk={() => void submit()}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="bankName" label="开户银行" rules={[{ required: true, message: '请填写开户银行' }]}>
          <Input placeholder="如：济宁农商银行任城支行" />
        </Form.Item>
        <Form.Item name="bankAccount" label="银行账号" rules={[{ required: true, message: '请填写银行账号' }]}>
          <Input placeholder="本人社保卡或一卡通账号" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function RefuseDialog({ detail, onDone, onClose }: { detail: AllowanceDetail; onDone: () => void; onClose: () => void }) {
  const [form] = Form.useForm<Omit<RefuseInput, 'version'>>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  const submit = async () => {
    const v = await form.validateFields();
    await run(
      form,
      () => api.post(`/api/elderly-allowance/allowances/${detail.id}/refuse`, { ...v, version: detail.version }),
      '已登记不予发放',
    );
  };
  return (
    <FormDialog
      title="不予发放"
      testId="elderly-refuse-dialog"
      confirm="不予发放"
      danger
      busy={busy}
      error={error}
      intro="如户籍已迁出本市、本人已在他处领取等，请写明理由；理由记入办理记录。"
      onClose={onClose}
      onOk={() => void submit()}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写不予发放的理由' }]}>
          <Input.TextArea rows={3} maxLength={200} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function ReopenDialog({ detail, onDone, onClose }: { detail: AllowanceDetail; onDone: () => void; onClose: () => void }) {
  const [form] = Form.useForm<Omit<ReopenInput, 'version'>>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  const submit = async () => {
    const v = await form.validateFields();
    await run(
      form,
      () => api.post(`/api/elderly-allowance/allowances/${detail.id}/reopen`, { ...v, version: detail.version }),
      '已重新受理，记录回到待确认',
    );
  };
  return (
    <FormDialog
      title="重新受理"
      testId="elderly-reopen-dialog"
      confirm="重新受理"
      busy={busy}
      error={error}
      intro={`不予发放有误，或本人已补齐账户、证明的，重新受理后记录回到「待确认」，须再次确认首次发放；起始月份仍为 ${detail.startMonth}。`}
      onClose={onClose}
      onOk={() => void submit()}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写重新受理的理由' }]}>
          <Input.TextArea rows={3} maxLength={200} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

/** A month of a picker: this month or later. */
const beforeThisMonth = (d: Dayjs) => d.format('YYYY-MM') < thisMonth();

function StopDialog({ detail, onDone, onClose }: { detail: AllowanceDetail; onDone: () => void; onClose: () => void }) {
  const [form] = Form.useForm<{ stopMonth: Dayjs; stopReason: AllowanceStopReason; note?: string }>();
  const reason = Form.useWatch('stopReason', form);
  const { error, busy, run } = useSubmit(onDone, onClose);
  const submit = async () => {
    const v = await form.validateFields();
    await run(
      form,
      () =>
        api.post<AllowanceDetail>(`/api/elderly-allowance/allowances/${detail.id}/stop`, {
          stopMonth: toMonth(v.stopMonth),
          stopReason: v.stopReason,
          note: v.note || undefined,
          version: detail.version,
        }),
      (d: AllowanceDetail) => `已停发，自 ${toMonth(v.stopMonth)} 起不再列入发放名册（${d.statusName}）`,
    );
  };
  return (
    <FormDialog
      title="停发"
      testId="elderly-stop-dialog"
      confirm="停发"
      danger
      busy={busy}
      error={error}
      intro="自所选月份起停发（本月或以后，不能是已审核名册的月份），之前的月份照常发放。死亡、户口迁出由人口库登记后自动停发，无需在此办理。"
      onClose={onClose}
      onOk={() => void submit()}
    >
      <Form form={form} layout="vertical" initialValues={{ stopMonth: nextMonth() }}>
        <Form.Item name="stopMonth" label="停发月份（自该月起）" rules={[{ required: true, message: '请选择停发月份' }]}>
          <DatePicker picker="month" allowClear={false} disabledDate={beforeThisMonth} data-testid="elderly-stop-month" />
        </Form.Item>
        <Form.Item name="stopReason" label="停发原因" rules={[{ required: true, message: '请选择停发原因' }]}>
          <Select
            data-testid="elderly-stop-reason"
            options={Object.entries(allowanceStopReasons).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={reason === 'other' ? '具体原因' : '说明（可不填）'}
          rules={reason === 'other' ? [{ required: true, min: 2, message: '选择「其他」时请写明停发原因' }] : []}
        >
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function ResumeDialog({ detail, onDone, onClose }: { detail: AllowanceDetail; onDone: () => void; onClose: () => void }) {
  const [form] = Form.useForm<{ resumeMonth: Dayjs; reason: string }>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  const submit = async () => {
    const v = await form.validateFields();
    await run(
      form,
      () =>
        api.post<AllowanceDetail>(`/api/elderly-allowance/allowances/${detail.id}/resume`, {
          resumeMonth: toMonth(v.resumeMonth),
          reason: v.reason,
          version: detail.version,
        }),
      (d: AllowanceDetail) => `已恢复发放，自 ${toMonth(v.resumeMonth)} 起列入发放名册（${d.statusName}）`,
    );
  };
  return (
    <FormDialog
      title="恢复发放"
      testId="elderly-resume-dialog"
      confirm="恢复发放"
      busy={busy}
      error={error}
      intro="自所选月份起恢复发放（本月或以后，不能是县级名册已审核的月份）；停发以来、恢复之前的月份不补发。"
      onClose={onClose}
      onOk={() => void submit()}
    >
      <Form form={form} layout="vertical" initialValues={{ resumeMonth: nextMonth() }}>
        <Form.Item name="resumeMonth" label="恢复发放月份（自该月起）" rules={[{ required: true, message: '请选择恢复发放月份' }]}>
          <DatePicker picker="month" allowClear={false} disabledDate={beforeThisMonth} data-testid="elderly-resume-month" />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写恢复发放的理由' }]}>
          <Input.TextArea rows={3} maxLength={200} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
