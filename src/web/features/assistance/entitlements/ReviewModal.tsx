/**
 * 复核 of a recipient (POST /api/assistance/entitlements/:id/review): each covered member's monthly
 * incomes as found now (pre-filled from the entitlement, or from a batch re-check's findings), 渐退期
 * when the rise comes from work, 收入不稳定 for a 6-month review interval, and the review's notes.
 */
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../../app/api';
import { parseYuan } from '../../../../shared/money';
import { useSubmit } from '../../../app/forms';
import { incomeKinds, type IncomeKind } from '../../../../shared/assistance-codes';
import type { IncomeItem } from '../../../../shared/assistance/applications';
import type { EntitlementDetail, ReviewAnswer } from '../../../../shared/assistance/entitlements';

interface Values {
  members: { personId: number; name: string; incomes: { kind?: IncomeKind; amountYuan?: number }[] }[];
  foundWork?: boolean;
  irregularIncome?: boolean;
  reason?: string;
}

const kindOptions = Object.entries(incomeKinds).map(([value, label]) => ({ value, label }));

export function ReviewModal({
  id,
  found,
  onClose,
  onDone,
}: {
  id: number;
  /** Incomes found by a batch re-check: they replace the recorded ones of those members. */
  found?: { personId: number; incomes: IncomeItem[] }[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { data: e, error: loadError } = useQuery({
    queryKey: ['assistance-entitlement', String(id)],
    queryFn: () => api.get<EntitlementDetail>(`/api/assistance/entitlements/${id}`),
  });
  const [form] = Form.useForm<Values>();
  const { error, busy, run } = useSubmit(onDone, onClose);

  const initial = (): Values => {
    const foundBy = new Map((found ?? []).map((f) => [f.personId, f.incomes]));
    return {
      members: (e?.inputs.members ?? []).map((m) => ({
        personId: m.personId,
        name: m.name,
        incomes: (foundBy.get(m.personId) ?? m.incomes).map((i) => ({ kind: i.kind, amountYuan: i.monthlyFen / 100 })),
      })),
      foundWork: false,
      irregularIncome: false,
    };
  };

  const submit = (v: Values) => {
    if (!e) return;
    void run(
      form,
      () =>
        api.post<ReviewAnswer>(`/api/assistance/entitlements/${id}/review`, {
          version: e.version,
          members: (v.members ?? []).map((m) => ({
            personId: m.personId,
            incomes: (m.incomes ?? [])
              .filter((i) => i.kind && i.amountYuan !== undefined && i.amountYuan !== null)
              .map((i) => ({ kind: i.kind, monthlyFen: parseYuan(i.amountYuan!) })),
          })),
          foundWork: Boolean(v.foundWork),
          irregularIncome: Boolean(v.irregularIncome),
          reason: v.reason?.trim() ?? '',
        }),
      (r) =>
        ({
          reviewed: '复核完成，金额不变',
          adjusted: '复核完成，金额已调整',
          taper: '复核完成，进入渐退期',
          stopped: '复核完成：已不符合条件，自下月起停发',
          stop_notice: '复核完成：已不符合特困供养条件，已发起终止公示（7天），期满无异议后停发',
        })[r.kind] ?? '复核完成',
    );
  };

  return (
    <Modal
      open
      title="复核"
      width={760}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} disabled={!e} onClick={() => form.submit()} data-testid="review-confirm">
            确定复核
          </Button>
        </Space>
      }
    >
      {loadError ? (
        <Alert type="error" showIcon title={errorMessage(loadError)} />
      ) : !e ? (
        <Spin style={{ display: 'block', margin: 40 }} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            按复核时家庭成员的月收入和下月适用的救助标准重新核算：仍符合条件的自下月起按新金额发放；因就业收入增加超过标准的可进入渐退期；其他不再符合条件的自下月起停发。
            {e.inputs.migrated && ' 此待遇为存量迁移数据，尚无收入记录，请逐人填写。'}
          </Typography.Paragraph>
          <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={initial()}>
            <Form.List name="members">
              {(fields) =>
                fields.map((f) => (
                  <div
                    key={f.key}
                    style={{ border: '1px solid #eee', borderRadius: 3, padding: '8px 12px', marginBottom: 8 }}
                    data-testid="review-member"
                  >
                    <b>{form.getFieldValue(['members', f.name, 'name'])}</b>
                    <Form.List name={[f.name, 'incomes']}>
                      {(items, { add, remove }) => (
                        <div style={{ marginTop: 6 }}>
                          {items.map((i) => (
                            <Space key={i.key} align="baseline" wrap>
                              <Form.Item name={[i.name, 'kind']} rules={[{ required: true, message: '请选择收入类型' }]}>
                                <Select options={kindOptions} style={{ width: 240 }} placeholder="收入类型" />
                              </Form.Item>
                              <Form.Item name={[i.name, 'amountYuan']} rules={[{ required: true, message: '请填写金额' }]}>
                                <InputNumber min={0} max={1_000_000} precision={2} suffix="元/月" style={{ width: 180 }} />
                              </Form.Item>
                              <Button type="link" danger onClick={() => remove(i.name)}>
                                删除
                              </Button>
                            </Space>
                          ))}
                          <Button size="small" type="dashed" onClick={() => add({ kind: 'wage' })}>
                            添加收入
                          </Button>
                          {!items.length && (
                            <span className="hint" style={{ marginLeft: 8 }}>
                              无收入
                            </span>
                          )}
                        </div>
                      )}
                    </Form.List>
                  </div>
                ))
              }
            </Form.List>
            <Space size={24}>
              <Form.Item name="foundWork" valuePropName="checked">
                <Checkbox data-testid="review-found-work">因就业收入增加（渐退期）</Checkbox>
              </Form.Item>
              <Form.Item name="irregularIncome" valuePropName="checked">
                <Checkbox data-testid="review-irregular">收入不稳定（每 6 个月复核）</Checkbox>
              </Form.Item>
            </Space>
            <Form.Item name="reason" label="复核情况" rules={[{ required: true, whitespace: true, min: 2, message: '请填写复核情况' }]}>
              <Input.TextArea rows={3} maxLength={2000} showCount data-testid="review-reason" />
            </Form.Item>
          </Form>
        </>
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="review-error" />}
    </Modal>
  );
}
