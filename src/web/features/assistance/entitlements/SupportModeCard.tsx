/**
 * 供养方式 on a 特困 entitlement's page: 分散供养 or 集中供养 with its facility, whether it is confirmed,
 * and (for a handler) 变更供养方式 with a reason and 确认供养方式; each change is in the 变更记录 below.
 */
import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Radio, Space, Tag } from 'antd';
import { api } from '../../../app/api';
import { useSubmit } from '../../../app/forms';
import { FormDialog } from '../../../components/FormDialog';
import type { EntitlementDetail } from '../../../../shared/assistance/entitlements';
import { supportModes, type SupportModeChanged, type SupportModeChangeInput } from '../../../../shared/assistance/support-mode';

export function SupportModeCard({ e, handle, onChanged }: { e: EntitlementDetail; handle: boolean; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const s = e.supportMode;
  if (!s) return null;
  return (
    <Card size="small" title="供养方式" className="section-gap" data-testid="support-mode">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          {
            key: 'mode',
            label: '供养方式',
            children: (
              <Space>
                <span data-testid="support-mode-name">{s.modeName}</span>
                {s.confirmed ? <Tag color="green">已确认</Tag> : <Tag color="orange">待确认</Tag>}
              </Space>
            ),
          },
          { key: 'facility', label: '供养机构', children: s.facility ?? '—' },
          { key: 'since', label: '起始日期', children: s.since ?? '—' },
        ]}
      />
      {handle && e.status !== 'stopped' && (
        <Space wrap style={{ marginTop: 8 }}>
          {!s.confirmed && (
            <Button type="primary" onClick={() => setConfirming(true)} data-testid="support-mode-confirm">
              确认供养方式
            </Button>
          )}
          <Button onClick={() => setEditing(true)} data-testid="support-mode-change">
            变更供养方式
          </Button>
        </Space>
      )}
      {editing && <ChangeDialog e={e} onClose={() => setEditing(false)} onDone={onChanged} />}
      {confirming && <ConfirmDialog e={e} onClose={() => setConfirming(false)} onDone={onChanged} />}
    </Card>
  );
}

type ChangeValues = Omit<SupportModeChangeInput, 'version'>;

function ChangeDialog({ e, onClose, onDone }: { e: EntitlementDetail; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<ChangeValues>();
  const { error, busy, run } = useSubmit(onDone, onClose);
  const mode = Form.useWatch('mode', form);
  const ok = () =>
    form.validateFields().then((v) =>
      run(
        form,
        () => api.post<SupportModeChanged>(`/api/assistance/entitlements/${e.id}/support-mode`, { ...v, version: e.version }),
        (r) => `供养方式已变更为${r.supportMode.modeName}`,
      ),
    );
  return (
    <FormDialog
      title="变更供养方式"
      testId="support-mode-dialog"
      confirm="确认变更"
      busy={busy}
      error={error}
      intro="变更记入待遇的变更记录。分散供养的对象由所在乡镇（街道）定期探访；集中供养须填写供养机构。"
      onClose={onClose}
      onOk={() => void ok()}
    >
      <Form form={form} layout="vertical" initialValues={{ mode: e.supportMode?.mode, facility: e.supportMode?.facility ?? undefined }}>
        <Form.Item name="mode" label="供养方式" rules={[{ required: true, message: '请选择供养方式' }]}>
          <Radio.Group options={Object.entries(supportModes).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {mode === 'centralised' && (
          <Form.Item name="facility" label="供养机构" rules={[{ required: true, message: '集中供养须填写供养机构名称' }]}>
            <Input maxLength={100} placeholder="如：任城区中心敬老院" data-testid="support-mode-facility" />
          </Form.Item>
        )}
        <Form.Item name="reason" label="变更理由" rules={[{ required: true, min: 2, message: '请填写变更理由' }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="support-mode-reason" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function ConfirmDialog({ e, onClose, onDone }: { e: EntitlementDetail; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const { error, busy, run } = useSubmit(onDone, onClose);
  return (
    <FormDialog
      title="确认供养方式"
      testId="support-mode-confirm-dialog"
      confirm="确认"
      busy={busy}
      error={error}
      intro={`确认该对象的供养方式为「${e.supportMode?.modeName ?? ''}」。如不符，请取消后选择「变更供养方式」。`}
      onClose={onClose}
      onOk={() =>
        void run(
          form,
          () => api.post<SupportModeChanged>(`/api/assistance/entitlements/${e.id}/support-mode/confirm`, { version: e.version }),
          '供养方式已确认',
        )
      }
    >
      <Form form={form} />
    </FormDialog>
  );
}
