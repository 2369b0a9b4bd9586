import { useState } from 'react';
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { parseYuan } from '../../../shared/money';
import { applyServerErrors } from '../../app/forms';
import { benefitSources, benefitTypes } from '../../../shared/registry-codes';
import { options } from './PersonFields';

interface Values {
  personId: number;
  type: string;
  monthlyAmountYuan: number;
  startMonth: Dayjs;
  endMonth?: Dayjs | null;
  source: string;
  note?: string;
}

/**
 * 登记待遇记录 for one of the given persons: paid by an outside agency, or recorded by hand. The
 * amount is typed in 元 and sent in 分. Records written by the platform's own modules (`module`)
 * are not entered here.
 */
export function AddBenefitButton({ persons, onSaved }: { persons: { id: number; name: string }[]; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const start = Form.useWatch('startMonth', form);
  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      await api.post('/api/benefits', {
        personId: v.personId,
        type: v.type,
        monthlyAmountFen: parseYuan(v.monthlyAmountYuan),
        startMonth: v.startMonth.format('YYYY-MM'),
        endMonth: v.endMonth ? v.endMonth.format('YYYY-MM') : null,
        source: v.source,
        note: v.note?.trim() || null,
      });
      setOpen(false);
      onSaved();
    } catch (e) {
      setError(applyServerErrors(form, e, { monthlyAmountFen: 'monthlyAmountYuan' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        type="primary"
        ghost
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        data-testid="benefit-add"
      >
        登记待遇
      </Button>
      <Modal
        title="登记待遇记录"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="保存"
        confirmLoading={busy}
        destroyOnHidden
        width={600}
        okButtonProps={{ 'data-testid': 'benefit-save' } as never}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ personId: persons[0]?.id, source: 'agency' }}
          preserve={false}
        >
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="personId" label="享受人员" rules={[{ required: true, message: '请选择人员' }]}>
                <Select options={persons.map((p) => ({ value: p.id, label: p.name }))} data-testid="benefit-person" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="type" label="待遇类别" rules={[{ required: true, message: '请选择待遇类别' }]}>
                <Select options={options(benefitTypes)} placeholder="请选择" data-testid="benefit-type" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="monthlyAmountYuan" label="月金额（元）" rules={[{ required: true, message: '请填写每月金额' }]}>
                <InputNumber<number>
                  min={0}
                  max={1_000_000}
                  precision={2}
                  step={10}
                  style={{ width: '100%' }}
                  placeholder="如 830.00"
                  className="money"
                  data-testid="benefit-amount"
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="source" label="来源" rules={[{ required: true, message: '请选择来源' }]}>
                <Select options={options(benefitSources).filter((o) => o.value !== 'module')} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="startMonth" label="起始月份" rules={[{ required: true, message: '请选择起始月份' }]}>
                <DatePicker picker="month" style={{ width: '100%' }} data-testid="benefit-start" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="endMonth"
                label="截止月份（仍在享受的不填）"
                dependencies={['startMonth']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, v: Dayjs | null | undefined) => {
                      const s = getFieldValue('startMonth') as Dayjs | undefined;
                      return v && s && v.isBefore(s, 'month') ? Promise.reject(new Error('截止月份不能早于起始月份')) : Promise.resolve();
                    },
                  }),
                ]}
              >
                <DatePicker
                  picker="month"
                  style={{ width: '100%' }}
                  disabledDate={(d: Dayjs) => Boolean(start && d.isBefore(start, 'month'))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="note" label="备注">
            <Input maxLength={500} placeholder="如：发放部门、文号" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
