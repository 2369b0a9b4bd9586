/**
 * 高龄津贴标准: the monthly amount of each age band as dated values of the platform
 * (/api/policy/elderly_allowance/values): for the city or a county from a month, every entry kept.
 * The shipped values are examples (示例) until the bureau enters its own.
 */
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { applyServerErrors } from '../../app/forms';
import { ListError, PageHeader } from '../../app/list';
import { useCounties } from '../../app/counties';
import { nextMonth, toMonth } from '../../app/months';
import { monthLabel } from '../../../shared/dates';
import { amountsText, bandAmounts } from '../../../shared/elderly-allowance/policy';
import { allowanceBands, type AllowanceBand } from '../../../shared/elderly-allowance/codes';
import type { PolicyValue } from '../../../shared/policy/values';

const VALUES = '/api/policy/elderly_allowance/values';
const bands = Object.keys(allowanceBands) as AllowanceBand[];

export function StandardsPage() {
  const can = useCan();
  const { data, error, refetch, isFetching } = useQuery({ queryKey: ['elderly-standards'], queryFn: () => api.get<PolicyValue[]>(VALUES) });
  return (
    <div>
      <PageHeader
        title="高龄津贴标准"
        sub="各年龄段每人每月的发放标准，自生效月份起执行；县（市、区）可录入本地标准，优先于全市统一标准。某年龄段标准为 0 表示该年龄段不发放。"
      />
      {data?.some((v) => v.current && v.note?.includes('示例')) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="当前标准为平台内置的示例数值（示例），并非本市标准。请民政局按本地文件录入高龄津贴标准。"
        />
      )}
      {can('elderly_allowance.standards') && <EnterValue onSaved={() => void refetch()} />}
      <ListError error={error} />
      <Table<PolicyValue>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data}
        pagination={false}
        columns={[
          { title: '地区', dataIndex: 'countyCode', render: (c: string) => (c ? c : '全市统一') },
          { title: '生效月份', dataIndex: 'effectiveMonth', render: (m: string) => monthLabel(m) },
          {
            title: '标准',
            dataIndex: 'value',
            render: (v: unknown) => {
              const r = bandAmounts.safeParse(v);
              return r.success ? amountsText(r.data) : '';
            },
          },
          { title: '依据', dataIndex: 'note' },
          { title: '', dataIndex: 'current', render: (c: boolean) => (c ? null : <Tag>已被取代</Tag>) },
        ]}
      />
    </div>
  );
}

type Values = { countyCode?: string; month: Dayjs; note?: string } & Partial<Record<AllowanceBand, number>>;

function EnterValue({ onSaved }: { onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const counties = useCounties();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      await api.post(VALUES, {
        kind: 'amounts',
        countyCode: v.countyCode ?? '',
        effectiveMonth: toMonth(v.month),
        value: Object.fromEntries(bands.map((b) => [b, Math.round((v[b] ?? 0) * 100)])),
        note: v.note,
      });
      form.resetFields();
      onSaved();
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="录入标准" style={{ marginBottom: 12 }}>
      <Form form={form} layout="inline" onFinish={submit} initialValues={{ month: nextMonth() }} style={{ rowGap: 8 }}>
        <Form.Item name="countyCode" label="地区">
          <Select
            allowClear
            placeholder="全市统一"
            style={{ width: 160 }}
            options={(counties.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="month" label="生效月份" rules={[{ required: true, message: '请选择生效月份' }]}>
          <DatePicker picker="month" allowClear={false} />
        </Form.Item>
        {bands.map((b) => (
          <Form.Item key={b} name={b} label={`${allowanceBands[b]}（元/月）`} rules={[{ required: true, message: '请填写金额' }]}>
            <InputNumber min={0} precision={2} style={{ width: 100 }} />
          </Form.Item>
        ))}
        <Form.Item name="note" label="依据">
          <Input placeholder="文件名称及文号" style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          保存
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Card>
  );
}
