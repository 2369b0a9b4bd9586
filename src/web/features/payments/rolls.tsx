/**
 * What every payment programme's roll list shows (the platform's /api/payments/<programme>/rolls…):
 * a roll's status, the list's columns and the card that builds a county's roll of a month (a
 * background job whose progress is shown). Social assistance's and 高龄津贴's roll pages use them.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { Dayjs } from 'dayjs';
import { api, dateTime } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { useCounties } from '../../app/counties';
import { nextMonth, toMonth } from '../../app/months';
import { Money } from '../../components/Money';
import { JobProgress } from '../../components/JobProgress';
import { monthLabel } from '../../../shared/dates';
import { yuan } from '../../../shared/money';
import type { Roll, RollStarted } from '../../../shared/payments/rolls';

export const rollStatuses = {
  building: { label: '编制中', color: 'processing' },
  built: { label: '待审核', color: 'gold' },
  approved: { label: '已审核', color: 'green' },
} as const;

/**
 * The roll list's columns: the roll (a link to `${path}/<id>`), its status, how many it pays (`unit`:
 * 户（人）, 人) and its total — of the viewer's part when `own` is 本辖区 — and when it was built and approved.
 */
export function rollColumns({ path, unit, own }: { path: string; unit: string; own: string }): ColumnsType<Roll> {
  return [
    {
      title: '名册',
      key: 'name',
      render: (_: unknown, r) => (
        <Link to={`${path}/${r.id}`} data-testid="roll-link">
          {r.countyName ?? r.countyCode} {monthLabel(r.month)}
        </Link>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: Roll['status']) => <Tag color={rollStatuses[v].color}>{rollStatuses[v].label}</Tag>,
    },
    { title: `${own}${unit}数`, dataIndex: 'lines', align: 'right' },
    { title: `${own}金额合计`, dataIndex: 'totalFen', align: 'right', render: (v: number) => <Money fen={v} /> },
    { title: '编制完成', dataIndex: 'builtAt', render: (v: string | null) => dateTime(v) },
    { title: '审核时间', dataIndex: 'approvedAt', render: (v: string | null) => dateTime(v) },
  ];
}

/**
 * 编制月度名册: a county and a month, posted to the programme's `api` (its rolls route); the job's
 * progress, then a button to the roll at `${path}/<id>`. `rollQuery` is the roll page's query key,
 * refreshed when the job is done.
 */
export function BuildRoll({
  api: base,
  path,
  unit,
  rollQuery,
  onBuilt,
}: {
  api: string;
  path: string;
  unit: string;
  rollQuery: string;
  onBuilt: () => void;
}) {
  const [form] = Form.useForm<{ countyCode: string; month: Dayjs }>();
  const counties = useCounties();
  const [started, setStarted] = useState<RollStarted | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();
  const submit = async (v: { countyCode: string; month: Dayjs }) => {
    setError(null);
    setBusy(true);
    try {
      setStarted(await api.post<RollStarted>(base, { countyCode: v.countyCode, month: toMonth(v.month) }));
      onBuilt();
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  const only = counties.data?.length === 1 ? counties.data[0].code : undefined;
  // A county user has one county: choose it for them once the list is known.
  useEffect(() => {
    if (only && !form.getFieldValue('countyCode')) form.setFieldsValue({ countyCode: only });
  }, [only, form]);
  return (
    <Card size="small" title="编制月度名册" style={{ marginBottom: 12 }}>
      <Form form={form} layout="inline" onFinish={submit} initialValues={{ month: nextMonth() }} style={{ rowGap: 8 }}>
        <Form.Item name="countyCode" label="县（市、区）" rules={[{ required: true, message: '请选择县（市、区）' }]}>
          <Select
            style={{ width: 200 }}
            loading={counties.isLoading}
            options={(counties.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
            placeholder="请选择"
            data-testid="roll-county"
          />
        </Form.Item>
        <Form.Item name="month" label="发放月份" rules={[{ required: true, message: '请选择发放月份' }]}>
          <DatePicker picker="month" allowClear={false} data-testid="roll-month" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="roll-build">
          编制名册
        </Button>
      </Form>
      <div className="hint" style={{ marginTop: 6 }}>
        同一县同一月份再次编制会按最新待遇重新生成（已审核的名册不能重新编制），不会重复发放。
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} data-testid="roll-error" />}
      {started && (
        <div style={{ marginTop: 12, maxWidth: 640 }}>
          <JobProgress
            jobId={started.jobId}
            label="正在按乡镇（街道）生成名册明细……"
            describe={(r) => `名册已生成：${Number(r.lines ?? 0)} ${unit}，合计 ${yuan(Number(r.totalFen ?? 0))} 元`}
            onDone={() => {
              onBuilt();
              void client.invalidateQueries({ queryKey: [rollQuery, String(started.id)] });
            }}
          />
          <Space style={{ marginTop: 8 }}>
            <Button onClick={() => navigate(`${path}/${started.id}`)} data-testid="roll-open">
              查看名册
            </Button>
          </Space>
        </div>
      )}
    </Card>
  );
}
