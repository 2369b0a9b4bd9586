import { useState } from 'react';
import { Button, Form, Input, Modal } from 'antd';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';

export interface ClearValues {
  idNumber: string | null;
  phone: string | null;
  healthNotes: string | null;
}

/** 查看原文: asks for the reason (recorded in the audit log), then shows the clear values. */
export function UnmaskButton({ personId, onShown }: { personId: number; onShown: (v: ClearValues) => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { reason: string }) => {
    setBusy(true);
    try {
      onShown(await api.post<ClearValues>(`/api/persons/${personId}/unmask`, v));
      setOpen(false);
      form.resetFields();
    } catch (e) {
      const msg = applyServerErrors(form, e);
      if (!form.getFieldError('reason').length) form.setFields([{ name: 'reason', errors: [msg] }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="unmask-button">查看原文</Button>
      <Modal title="查看敏感信息原文" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="查看" confirmLoading={busy} okButtonProps={{ 'data-testid': 'unmask-confirm' } as never}>
        <p>查看身份证号、联系电话、健康状况原文将记入审计日志，请说明事由。</p>
        <Form form={form} onFinish={submit}>
          <Form.Item name="reason" rules={[{ required: true, min: 2, message: '请说明查看原文的事由' }]}>
            <Input placeholder="例如：入户核查身份" data-testid="unmask-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
