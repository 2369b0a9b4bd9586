import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { api, dateTime, errorMessage } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useSubmit } from '../../../app/forms';
import { PageHeader } from '../../../app/list';
import { NotFoundResult } from '../../../app/Results';
import { assistanceCategories, entitlementStatuses, incomeKinds } from '../../../../shared/assistance-codes';
import { monthLabel } from '../../../../shared/dates';
import { yuan } from '../../../../shared/money';
import { Money } from '../../../components/Money';
import { ReviewModal } from './ReviewModal';
import { entitlementStatusColors } from './EntitlementsPage';
import { changeKinds, type EntitlementChange, type EntitlementDetail } from '../../../../shared/assistance/entitlements';
import { afterToday } from '../../../app/today';
import { FormDialog } from '../../../components/FormDialog';
import { AccountModal } from '../../payees/AccountModal';
import { SupportModeCard } from './SupportModeCard';
import { PayeeModal } from './PayeeModal';

type ChangeKind = 'suspend' | 'resume' | 'stop';
const changeLabels: Record<ChangeKind, string> = { suspend: '暂停发放', resume: '恢复发放', stop: '停发' };

/** 救助对象详情: the entitlement, its members and incomes, its history, and the management actions. */
export function EntitlementPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const can = useCan();
  const client = useQueryClient();
  const [dialog, setDialog] = useState<'review' | 'death' | 'objection' | 'account' | 'payee' | ChangeKind | null>(null);
  const {
    data: e,
    error,
    refetch,
  } = useQuery({
    queryKey: ['assistance-entitlement', id],
    queryFn: () => api.get<EntitlementDetail>(`/api/assistance/entitlements/${id}`),
  });
  if (error) return <NotFoundResult title={errorMessage(error)} back="/assistance/entitlements" backLabel="返回救助对象" />;
  if (!e) return <Spin style={{ display: 'block', margin: 60 }} />;
  const reload = () => {
    void refetch();
    void client.invalidateQueries({ queryKey: ['assistance-entitlements'] });
    void client.invalidateQueries({ queryKey: ['assistance-rechecks'] });
  };
  const members = e.inputs.members ?? [];
  const coveredCount = members.filter((m) => m.covered).length || members.length;
  const handle = can('assistance.handle');

  return (
    <div>
      <PageHeader
        title={
          <>
            救助对象 <span data-testid="entitlement-name">{e.payeeName}</span>
          </>
        }
        sub={`${assistanceCategories[e.category as keyof typeof assistanceCategories] ?? e.category} · 保障 ${coveredCount} 人`}
        extra={
          <>
            {e.caseId && <Button onClick={() => navigate(`/assistance/cases/${e.caseId}`)}>查看审批案件</Button>}
            <Button onClick={() => navigate(`/households/${e.householdId}`)} data-testid="entitlement-household">
              家庭档案
            </Button>
            <Button onClick={() => navigate(-1)}>返回</Button>
          </>
        }
      />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        data-testid="entitlement-summary"
        items={[
          {
            key: 'status',
            label: '状态',
            children: (
              <Tag color={entitlementStatusColors[e.status]} data-testid="entitlement-status">
                {entitlementStatuses[e.status]}
              </Tag>
            ),
          },
          { key: 'amount', label: '月金额', children: <Money fen={e.monthlyFen} strong /> },
          {
            key: 'period',
            label: '发放期间',
            children: `${monthLabel(e.startMonth)}${e.endMonth ? ` 至 ${monthLabel(e.endMonth)}` : ' 起'}`,
          },
          { key: 'review', label: '下次复核日期', children: e.nextReviewDate ?? <span className="hint">—</span> },
          {
            key: 'account',
            label: '发放账户',
            span: { xs: 1, md: 2, xl: 4 },
            children: (
              <span data-testid="entitlement-account">
                {e.bankName ?? '—'} {e.bankAccount ?? ''}
              </span>
            ),
          },
          {
            key: 'breakdown',
            label: '计算说明',
            span: { xs: 1, md: 2, xl: 4 },
            children: <span data-testid="entitlement-breakdown">{e.breakdown}</span>,
          },
        ]}
      />

      {e.stopNotice && (
        <Alert
          type="warning"
          showIcon
          className="section-gap"
          data-testid="entitlement-stop-notice"
          title={`终止公示中：至 ${e.stopNotice.ends} 期满无异议后，自 ${monthLabel(e.stopNotice.effectiveMonth)} 起停发；公示期间照常发放。`}
          description={<>理由：{e.stopNotice.reason}</>}
          action={
            handle ? (
              <Button size="small" onClick={() => setDialog('objection')} data-testid="entitlement-objection">
                登记异议
              </Button>
            ) : undefined
          }
        />
      )}

      <SupportModeCard e={e} handle={handle} onChanged={reload} />

      {e.payeeDiedOn && e.status !== 'stopped' && (
        <Alert
          className="section-gap"
          type="warning"
          showIcon
          data-testid="entitlement-payee-died"
          title={`领取人已于 ${e.payeeDiedOn} 去世，待遇暂停发放：请变更领取人，变更后恢复发放。`}
        />
      )}
      {handle && (
        <Card size="small" title="办理" className="section-gap" data-testid="entitlement-actions">
          {e.status === 'stopped' ? (
            <Typography.Text type="secondary">待遇已停发。</Typography.Text>
          ) : (
            <Space wrap>
              {!e.stopNotice && (
                <Button type="primary" onClick={() => setDialog('review')} data-testid="entitlement-review">
                  复核
                </Button>
              )}
              {e.status === 'active' && (
                <Button onClick={() => setDialog('suspend')} data-testid="entitlement-suspend">
                  暂停
                </Button>
              )}
              {e.status === 'suspended' && (
                <Button onClick={() => setDialog('resume')} data-testid="entitlement-resume">
                  恢复
                </Button>
              )}
              {!e.stopNotice && (
                <Button danger onClick={() => setDialog('stop')} data-testid="entitlement-stop">
                  {e.category === 'tekun' ? '终止供养' : '停发'}
                </Button>
              )}
              <Button onClick={() => setDialog('death')} data-testid="entitlement-death">
                登记成员死亡
              </Button>
              {e.payeeAccountId !== null && (
                <Button onClick={() => setDialog('account')} data-testid="entitlement-account-change">
                  更正发放账户
                </Button>
              )}
              <Button onClick={() => setDialog('payee')} data-testid="entitlement-payee-change">
                变更领取人
              </Button>
            </Space>
          )}
        </Card>
      )}

      <Card size="small" title="家庭成员及月收入" className="section-gap">
        <Table
          rowKey="personId"
          size="small"
          pagination={false}
          dataSource={members}
          locale={{ emptyText: <Empty description="无成员记录" /> }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            {
              title: '纳入保障',
              dataIndex: 'covered',
              render: (v: boolean) => (v ? <Tag color="blue">是</Tag> : <span className="hint">否</span>),
            },
            {
              title: '月收入',
              key: 'incomes',
              render: (_: unknown, m) =>
                m.incomes.length ? (
                  <Space orientation="vertical" size={0}>
                    {m.incomes.map((i, k) => (
                      <span key={k}>
                        {incomeKinds[i.kind] ?? i.kind} <Money fen={i.monthlyFen} />
                      </span>
                    ))}
                  </Space>
                ) : (
                  <span className="hint">{e.inputs.migrated ? '存量迁移，待复核' : '无'}</span>
                ),
            },
          ]}
        />
      </Card>

      <Card size="small" title="变更记录" className="section-gap" data-testid="entitlement-history">
        <Table<EntitlementChange>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={e.history}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description="暂无变更记录" /> }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => dateTime(v) },
            { title: '事项', dataIndex: 'kind', width: 130, render: (v: string) => changeKinds[v] ?? v },
            { title: '生效月份', dataIndex: 'effectiveMonth', width: 100, render: (v: string) => monthLabel(v) },
            {
              title: '金额变化（元）',
              key: 'amount',
              width: 160,
              render: (_: unknown, h) =>
                h.oldFen === null && h.newFen === null ? (
                  <span className="hint">—</span>
                ) : (
                  <span className="money">
                    {h.oldFen !== null ? yuan(h.oldFen) : '—'} → {h.newFen !== null ? yuan(h.newFen) : '—'}
                  </span>
                ),
            },
            { title: '核算', dataIndex: 'breakdown', width: 300, render: (v: string | null) => v ?? <span className="hint">—</span> },
            {
              title: '理由',
              dataIndex: 'reason',
              width: 280,
              render: (v: string | null) => <span style={{ whiteSpace: 'pre-wrap' }}>{v ?? ''}</span>,
            },
          ]}
        />
      </Card>

      {dialog === 'review' && <ReviewModal id={e.id} onClose={() => setDialog(null)} onDone={reload} />}
      {(dialog === 'suspend' || dialog === 'resume' || dialog === 'stop') && (
        <ChangeModal e={e} kind={dialog} onClose={() => setDialog(null)} onDone={reload} />
      )}
      {dialog === 'death' && <DeathModal e={e} onClose={() => setDialog(null)} onDone={reload} />}
      {dialog === 'payee' && <PayeeModal e={e} onClose={() => setDialog(null)} onDone={reload} />}
      {dialog === 'objection' && <ObjectionModal e={e} onClose={() => setDialog(null)} onDone={reload} />}
      {dialog === 'account' && e.payeeAccountId !== null && (
        <AccountModal programme="assistance" id={e.payeeAccountId} onClose={() => setDialog(null)} onDone={reload} />
      )}
      <div className="hint" style={{ marginTop: 8 }}>
        <Link to="/assistance/entitlements">返回救助对象列表</Link>
      </div>
    </div>
  );
}

function ChangeModal({ e, kind, onClose, onDone }: { e: EntitlementDetail; kind: ChangeKind; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ effectiveMonth: Dayjs; reason: string }>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  // 特困: stopping is announced for 7 days first and takes effect the month after the notice (特困人员认定办法).
  const withNotice = kind === 'stop' && e.changeFrom.stopNoticeEnds !== null;
  const label = withNotice ? '终止供养' : changeLabels[kind];
  const first = dayjs(`${kind === 'stop' ? e.changeFrom.stopMonth : e.changeFrom.month}-01`);
  return (
    <FormDialog
      title={label}
      testId="change"
      confirm={`确定${label}`}
      danger={kind === 'stop'}
      busy={busy}
      error={error}
      onClose={onClose}
      onOk={() => form.submit()}
      intro={
        withNotice
          ? `特困人员终止供养须先公示 7 天（至 ${e.changeFrom.stopNoticeEnds}），期满无异议后自动停发，最早从 ${first.format('YYYY-MM')} 起；公示期间照常发放。`
          : `已发放的月份不能更改：只能从下月（${first.format('YYYY-MM')}）起${label}。`
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ effectiveMonth: first }}
        onFinish={(v) =>
          run(
            form,
            () =>
              api.post(`/api/assistance/entitlements/${e.id}/change`, {
                kind,
                effectiveMonth: v.effectiveMonth.format('YYYY-MM'),
                reason: v.reason.trim(),
                version: e.version,
              }),
            withNotice ? '已发起终止公示' : `已${label}`,
          )
        }
      >
        <Form.Item name="effectiveMonth" label="生效月份" rules={[{ required: true, message: '请选择生效月份' }]}>
          <DatePicker picker="month" disabledDate={(d) => d.isBefore(first, 'month')} data-testid="change-month" />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, min: 2, message: '请填写理由' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="change-reason" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function DeathModal({ e, onClose, onDone }: { e: EntitlementDetail; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ personId: number; diedOn: Dayjs; certificateNo?: string }>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  return (
    <FormDialog
      title="登记家庭成员死亡"
      testId="death"
      confirm="确定登记"
      busy={busy}
      error={error}
      onClose={onClose}
      onOk={() => form.submit()}
      intro="死亡登记在人口库（同一人只登记一次）：自次月起该成员不再计入保障人口，待遇自动重新核算并须在 3 个月内复核；本人是唯一保障对象的，自次月起停发（特困人员另行终止公示）。"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          run(
            form,
            () =>
              api.post(`/api/persons/${v.personId}/death`, {
                diedOn: v.diedOn.format('YYYY-MM-DD'),
                certificateNo: v.certificateNo || null,
              }),
            '已登记，待遇将自动重新核算',
          )
        }
      >
        <Form.Item name="personId" label="去世成员" rules={[{ required: true, message: '请选择家庭成员' }]}>
          <Select options={(e.inputs.members ?? []).map((m) => ({ value: m.personId, label: m.name }))} data-testid="death-person" />
        </Form.Item>
        <Form.Item name="diedOn" label="死亡日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={afterToday} data-testid="death-date" />
        </Form.Item>
        <Form.Item name="certificateNo" label="死亡医学证明编号">
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

/** 终止公示异议: withdraws the stop; support continues and the household is due for re-review. */
function ObjectionModal({ e, onClose, onDone }: { e: EntitlementDetail; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  return (
    <FormDialog
      title="登记终止公示异议"
      testId="objection"
      confirm="确定登记"
      busy={busy}
      error={error}
      onClose={onClose}
      onOk={() => form.submit()}
      intro="登记异议后撤回停发，继续供养，并须重新复核。"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          run(
            form,
            () => api.post(`/api/assistance/entitlements/${e.id}/stop-objection`, { reason: v.reason.trim(), version: e.version }),
            '已登记异议，继续供养',
          )
        }
      >
        <Form.Item name="reason" label="异议情况" rules={[{ required: true, whitespace: true, min: 2, message: '请填写异议情况' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="objection-reason" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
