import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { benefitSources, benefitTypes } from '../../../shared/registry-codes';

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

/** 登记待遇记录 for one of the given persons (paid by another agency, or recorded by hand). */
export function AddBenefitButton({ persons, onSaved }: { persons: { id: number; name: string }[]; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const submit = async (v: { personId: number; type: string; amountYuan: number; start: Dayjs; end?: Dayjs; source: string; note?: string }) => {
    setError(null);
    try {
      await api.post('/api/benefits', {
        personId: v.personId,
        type: v.type,
        monthlyAmountFen: Math.round(v.amountYuan * 100),
        startMonth: v.start.format('YYYY-MM'),
        endMonth: v.end ? v.end.format('YYYY-MM') : null,
        source: v.source,
        note: v.note || null,
      });
      setOpen(false);
      form.resetFields();
      onSaved();
    } catch (e) {
      setError(applyServerErrors(form, e));
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>登记待遇</Button>
      <Modal title="登记待遇记录" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="保存" destroyOnHidden>
        {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ personId: persons[0]?.id, source: 'agency' }}>
          <Form.Item name="personId" label="人员" rules={[{ required: true }]}>
            <Select options={persons.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item name="type" label="待遇类别" rules={[{ required: true, message: '请选择待遇类别' }]}>
            <Select options={options(benefitTypes)} />
          </Form.Item>
          <Form.Item name="amountYuan" label="月金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="start" label="起始月份" rules={[{ required: true, message: '请选择起始月份' }]}>
            <DatePicker picker="month" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="end" label="截止月份（可空）">
            <DatePicker picker="month" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="source" label="来源" rules={[{ required: true }]}>
            <Select options={options(benefitSources).filter((o) => o.value !== 'module')} />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
