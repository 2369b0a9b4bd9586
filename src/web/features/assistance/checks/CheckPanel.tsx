/**
 * 家庭经济状况核对 on a case: the agencies asked, which replied and which not yet, and each finding
 * (declared against found, over a limit in red, the sources); an undecided finding is accepted (the
 * agency's figure replaces the declared one) or kept as declared with a reason, both recorded in the
 * case history. The check completes once every finding is decided and every asked agency replied, or
 * without some replies with a reason kept in the history (核对完成 with override).
 */
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, dateTime, errorMessage } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { applyServerErrors } from '../../../app/forms';
import type { CaseCheck, CheckFinding as Finding } from '../../../../shared/assistance/checks';
import { FormDialog } from '../../../components/FormDialog';

export function CheckPanel({
  caseId,
  caseStatus,
  version,
  onChanged,
}: {
  caseId: number;
  caseStatus: string;
  version: number;
  onChanged: () => void;
}) {
  const can = useCan();
  const { message } = App.useApp();
  const [overriding, setOverriding] = useState<Finding | null>(null);
  const [completing, setCompleting] = useState(false);
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const {
    data: check,
    error,
    refetch,
    isFetched,
  } = useQuery({
    queryKey: ['assistance-case-check', String(caseId)],
    queryFn: () => api.get<CaseCheck | null>(`/api/assistance/cases/${caseId}/check`),
  });
  if (!isFetched && !error) return null;
  if (!check && caseStatus !== 'checking') return null;
  const decidable = can('assistance.handle') && caseStatus === 'checking';
  const reload = () => {
    void refetch();
    onChanged();
  };
  const accept = async (f: Finding) => {
    setBusyKey(f.key);
    try {
      await api.post(`/api/assistance/cases/${caseId}/check/decisions`, { key: f.key, decision: 'accept' });
      message.success(`已采用核对结果：${f.label}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusyKey(null);
      reload();
    }
  };

  return (
    <Card size="small" title="家庭经济状况核对" className="section-gap" data-testid="case-check">
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : !check ? (
        <Typography.Text type="secondary">尚未发起核对。</Typography.Text>
      ) : (
        <>
          <div style={{ marginBottom: 8 }} data-testid="check-agencies">
            核对部门：
            {check.agencies.map((a) => (
              <Tag key={a.code} color={a.replied ? 'blue' : 'default'}>
                {a.name}
                {a.replied ? '（已回复）' : '（未回复）'}
              </Tag>
            ))}
            {check.undecided > 0 && (
              <Tag color="orange" data-testid="check-undecided">
                待处理发现 {check.undecided} 项
              </Tag>
            )}
            {check.batches.length > 0 && <span className="hint">批次号 {check.batches.join('、')}</span>}
          </div>
          {check.missingAgencies.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              data-testid="check-missing"
              title={`尚未收到：${check.missingAgencies.map((a) => a.name).join('、')}的核对回复`}
              description="各核对部门均回复后方可完成核对；确需在回复前完成的，须说明理由，理由和未回复的部门记入办理记录。"
              action={
                decidable && check.undecided === 0 ? (
                  <Button size="small" onClick={() => setCompleting(true)} data-testid="check-complete-override">
                    说明理由后完成核对
                  </Button>
                ) : undefined
              }
            />
          )}
          <Table<Finding>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={check.findings}
            scroll={{ x: 'max-content' }}
            onRow={() => ({ 'data-testid': 'check-finding' }) as HTMLAttributes<HTMLElement>}
            locale={{ emptyText: <Empty description={check.repliedAgencies.length ? '核对未发现与申报不符的情况' : '等待各部门回复'} /> }}
            columns={[
              { title: '项目', dataIndex: 'label', width: 100 },
              { title: '申报', dataIndex: 'declared', width: 80 },
              {
                title: '核对结果',
                dataIndex: 'found',
                width: 190,
                render: (v: string, f) => (
                  <>
                    {v}
                    {f.overLimit && <div style={{ color: '#cf1322', fontWeight: 600 }}>{f.overLimit}</div>}
                  </>
                ),
              },
              {
                title: '来源',
                dataIndex: 'sources',
                width: 100,
                render: (v: string[]) =>
                  v.map((s, i) => (
                    <div key={i} className="hint">
                      {s}
                    </div>
                  )),
              },
              {
                title: '处理',
                key: 'decision',
                // In sight however narrow the panel: the rest of the row scrolls under it.
                fixed: 'right',
                width: 180,
                render: (_: unknown, f) =>
                  f.decision ? (
                    <div>
                      {f.decision.decision === 'accept' ? <Tag color="green">已采用核对结果</Tag> : <Tag color="orange">不采用</Tag>}
                      <span className="hint">{dateTime(f.decision.at)}</span>
                      {f.decision.reason && <div>理由：{f.decision.reason}</div>}
                    </div>
                  ) : decidable ? (
                    <Space wrap>
                      <Button
                        size="small"
                        type="primary"
                        loading={busyKey === f.key}
                        onClick={() => void accept(f)}
                        data-testid="finding-accept"
                      >
                        采用核对结果
                      </Button>
                      <Button size="small" onClick={() => setOverriding(f)} data-testid="finding-override">
                        不采用（须说明理由）
                      </Button>
                    </Space>
                  ) : (
                    <span className="hint">待处理</span>
                  ),
              },
            ]}
          />
        </>
      )}
      {overriding && <OverrideModal caseId={caseId} finding={overriding} onClose={() => setOverriding(null)} onDone={reload} />}
      {completing && check && (
        <CompleteModal
          caseId={caseId}
          version={version}
          missing={check.missingAgencies.map((a) => a.name)}
          onClose={() => setCompleting(false)}
          onDone={reload}
        />
      )}
    </Card>
  );
}

/** 核对完成 before every asked agency replied: the reason is required and kept in the history. */
function CompleteModal({
  caseId,
  version,
  missing,
  onClose,
  onDone,
}: {
  caseId: number;
  version: number;
  missing: string[];
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <ReasonModal
      title="未收到全部回复，完成核对"
      intro={`尚未收到：${missing.join('、')}的核对回复。理由和未回复的部门将记入办理记录。`}
      required="未收到全部核对回复即完成核对，须说明理由"
      maxLength={2000}
      testId="check-complete"
      confirm="确定完成核对"
      done="已完成核对，理由已记入办理记录"
      send={(reason) => api.post(`/api/assistance/cases/${caseId}/actions/complete_check`, { version, reason, data: { override: true } })}
      onClose={onClose}
      onDone={onDone}
    />
  );
}

function OverrideModal({
  caseId,
  finding,
  onClose,
  onDone,
}: {
  caseId: number;
  finding: Finding;
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <ReasonModal
      title={`不采用核对结果：${finding.label}`}
      intro={`申报 ${finding.declared}，核对结果 ${finding.found}。保留申报数据须说明理由并留存佐证材料。`}
      required="不采用核对结果须说明理由"
      maxLength={500}
      testId="override"
      confirm="确定"
      done="已记录：不采用核对结果"
      send={(reason) => api.post(`/api/assistance/cases/${caseId}/check/decisions`, { key: finding.key, decision: 'override', reason })}
      onClose={onClose}
      onDone={onDone}
    />
  );
}

/**
 * A decision on the check that needs a written reason. Unlike useSubmit, an error (a 409 too) stays
 * in the dialog: the worker is in the middle of the check and decides again with the reason kept.
 */
function ReasonModal(props: {
  title: string;
  intro: string;
  required: string;
  maxLength: number;
  testId: string;
  confirm: string;
  done: string;
  send: (reason: string) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const submit = async (v: { reason: string }) => {
    setError(null);
    setBusy(true);
    try {
      await props.send(v.reason.trim());
      message.success(props.done);
      props.onDone();
      props.onClose();
    } catch (e) {
      setError(applyServerErrors(form, e) || errorMessage(e));
      props.onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormDialog
      title={props.title}
      testId={props.testId}
      confirm={props.confirm}
      busy={busy}
      error={error}
      onClose={props.onClose}
      onOk={() => form.submit()}
      intro={props.intro}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: props.required }]}>
          <Input.TextArea rows={3} maxLength={props.maxLength} showCount data-testid={`${props.testId}-reason`} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
