import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Space, Spin, Table } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, dateTime, errorMessage } from '../../app/api';
import { useSubmit } from '../../app/forms';
import { PageHeader } from '../../app/list';
import { NotFoundResult } from '../../app/Results';
import { FormDialog } from '../../components/FormDialog';
import { Money } from '../../components/Money';
import { allowanceStatuses } from '../../../shared/elderly-allowance/codes';
import type { AllowanceDetail, ConfirmInput, RefuseInput } from '../../../shared/elderly-allowance/allowances';
import { StatusTag } from './AllowancesPage';
import { useCan } from '../../app/auth';
import { AccountModal } from '../payees/AccountModal';

type History = AllowanceDetail['history'][number];

/** A 高龄津贴 record: the person, the band and amount of this month, the payee account, the history and the township's buttons. */
export function AllowancePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [dialog, setDialog] = useState<'confirm' | 'refuse' | 'account' | null>(null);
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
          <Space>
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
        <Descriptions size="small" column={3}>
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
