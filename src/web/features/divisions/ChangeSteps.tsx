import { useState } from 'react';
import { Button, Form, Input, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { api, dateTime } from '../../app/api';
import { useSubmit } from '../../app/forms';
import { FormDialog } from '../../components/FormDialog';
import { changeStatuses, changeSteps, type DivisionChange } from '../../../shared/divisions/changes';

const statusColors: Record<DivisionChange['status'], string> = {
  pending_review: 'blue',
  planned: 'orange',
  applied: 'green',
  cancelled: 'default',
};

/** The status, with when it took effect or why it was cancelled. */
export function StatusTag({ change: c }: { change: DivisionChange }) {
  const tip =
    c.status === 'applied' && c.appliedAt
      ? `生效于 ${dateTime(c.appliedAt)}`
      : c.status === 'cancelled' && c.cancelReason
        ? `作废原因：${c.cancelReason}`
        : c.status === 'pending_review'
          ? '须由登记人以外的管理员复核'
          : undefined;
  return (
    <Tooltip title={tip}>
      <Tag color={statusColors[c.status]} data-testid="division-change-status">
        {changeStatuses[c.status]}
      </Tag>
    </Tooltip>
  );
}

/** Who recorded, reviewed, returned, cancelled and applied the change, when, and the reason given. */
export function ChangeSteps({ change }: { change: DivisionChange }) {
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={change.steps.map((s) => ({
        color: s.step === 'cancel' || s.step === 'return' ? 'gray' : s.step === 'apply' ? 'green' : 'blue',
        content: (
          <span data-testid="division-change-step">
            {changeSteps[s.step]}：{s.by ?? '系统'}，{dateTime(s.at)}
            {s.reason ? `，原因：${s.reason}` : ''}
          </span>
        ),
      }))}
    />
  );
}

type Step = 'review' | 'return' | 'cancel';

const dialogs: Record<Step, { title: string; confirm: string; intro: string; done: string; danger?: boolean }> = {
  review: {
    title: '复核通过',
    confirm: '复核通过',
    intro: '请核对批准文号、生效日期和新旧代码。复核通过后，生效日期已到的立即改码，以后的日期到期自动改码。',
    done: '已复核通过',
  },
  return: {
    title: '复核退回',
    confirm: '退回',
    intro: '退回后本项变更作废，不再改码；如需变更，请按批复重新登记。',
    done: '已退回，本项变更已作废',
    danger: true,
  },
  cancel: {
    title: '作废区划变更',
    confirm: '作废',
    intro: '作废后本项变更不再生效，预留的新代码可重新使用。已生效的变更不能作废，须登记一项相反的变更。',
    done: '已作废',
    danger: true,
  },
};

/** 复核通过 / 退回 for a 待复核 change (to an administrator other than its recorder), 作废 while it waits. */
export function ChangeStepButtons({ change: c, onDone }: { change: DivisionChange; onDone: () => void }) {
  const [open, setOpen] = useState<Step | null>(null);
  const waiting = c.status === 'pending_review' || c.status === 'planned';
  if (!waiting) return null;
  return (
    <>
      <Space size={4} wrap>
        {c.status === 'pending_review' &&
          (c.reviewRefusal ? (
            <Tooltip title={c.reviewRefusal}>
              <Typography.Text type="secondary">待他人复核</Typography.Text>
            </Tooltip>
          ) : (
            <>
              <Button size="small" type="primary" onClick={() => setOpen('review')} data-testid="division-change-review">
                复核通过
              </Button>
              <Button size="small" onClick={() => setOpen('return')} data-testid="division-change-return">
                退回
              </Button>
            </>
          ))}
        <Button size="small" danger onClick={() => setOpen('cancel')} data-testid="division-change-cancel">
          作废
        </Button>
      </Space>
      {open && <StepDialog change={c} step={open} onClose={() => setOpen(null)} onDone={onDone} />}
    </>
  );
}

function StepDialog({ change, step, onClose, onDone }: { change: DivisionChange; step: Step; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  const d = dialogs[step];
  const submit = () =>
    void run(
      form,
      () =>
        api.post<{ jobId: number | null }>(
          `/api/divisions/changes/${change.id}/${step}`,
          step === 'review' ? { version: change.version } : { version: change.version, reason: form.getFieldValue('reason') ?? '' },
        ),
      (r) => (step === 'review' && r.jobId ? '已复核通过，生效日期已到，正在改码' : d.done),
    );
  return (
    <FormDialog
      title={d.title}
      testId="division-change-step"
      confirm={d.confirm}
      danger={d.danger}
      busy={busy}
      error={error}
      intro={d.intro}
      onClose={onClose}
      onOk={submit}
    >
      <Typography.Paragraph>
        {change.summary}（{change.documentNo}，{change.effectiveDate} 生效）
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        {step !== 'review' && (
          <Form.Item name="reason" label={step === 'return' ? '退回原因' : '作废原因'}>
            <Input.TextArea maxLength={500} rows={3} data-testid="division-change-step-reason" />
          </Form.Item>
        )}
      </Form>
    </FormDialog>
  );
}
