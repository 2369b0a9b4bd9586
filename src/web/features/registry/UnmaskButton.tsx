import { useState } from 'react';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import type { ClearValues } from '../../../shared/registry/persons';

/** 查看原文: asks for the reason (recorded in the audit log), then hands back the clear values. */
export function UnmaskButton({ personId, onShown }: { personId: number; onShown: (v: ClearValues) => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      onShown(await api.post<ClearValues>(`/api/persons/${personId}/unmask`, { reason: v.reason.trim() }));
      setOpen(false);
      form.resetFields();
    } catch (e) {
      const msg = applyServerErrors(form, e);
      if (!form.getFieldError('reason').length) setError(msg);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="unmask-button">
        查看原文
      </Button>
      <Modal
        title="查看敏感信息原文"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="查看"
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'unmask-confirm' } as never}
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="查看身份证号、联系电话、健康状况的原文将记入审计日志（查看人、时间、事由），请如实填写事由。"
        />
        {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} />}
        <Form form={form} onFinish={submit} layout="vertical">
          <Form.Item name="reason" label="事由" rules={[{ required: true, whitespace: true, min: 2, message: '请说明查看原文的事由' }]}>
            <Input.TextArea
              rows={2}
              maxLength={200}
              showCount
              placeholder="例如：入户核查身份；为申请人办理低保需核对身份证号"
              data-testid="unmask-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
