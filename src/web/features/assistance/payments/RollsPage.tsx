import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Form, Select, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { Dayjs } from 'dayjs';
import { api, dateTime, type Page } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { applyServerErrors } from '../../../app/forms';
import { FilterForm, ListError, PageHeader, rowTestId, useUrlList } from '../../../app/list';
import { monthLabel } from '../../../../shared/dates';
import { yuan } from '../../../../shared/money';
import { useCounties } from '../../../app/counties';
import { Money } from '../../../components/Money';
import { JobProgress } from '../../../components/JobProgress';
import { fromMonth, nextMonth, toMonth } from '../../../app/months';
import type { Roll, RollStarted } from '../../../../shared/payments/rolls';

export const rollStatuses = {
  building: { label: '编制中', color: 'processing' },
  built: { label: '待审核', color: 'gold' },
  approved: { label: '已审核', color: 'green' },
} as const;

/** 发放名册: one roll per county and month; building one is a background job whose progress is shown. */
export function RollsPage() {
  const list = useUrlList<{ month?: string }>();
  const can = useCan();
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ['assistance-rolls', list.query],
    queryFn: () => api.get<Page<Roll>>(`/api/payments/assistance/rolls${list.query}`),
    // A roll being built changes by itself: look again every few seconds until none is.
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'building') ? 3000 : false),
  });
  // A township's, village's or organisation's figures are those of its own part of each roll.
  const own = data?.items.some((r) => !r.wholeRoll) ? '本辖区' : '';
  return (
    <div>
      <PageHeader
        title="发放名册"
        sub="每个县（市、区）每月一册，按当月在享待遇生成，金额和核算依据随名册冻结。县级审核后导出银行代发文件，导入银行回盘后可查看发放失败的人员。"
      />
      {can('assistance.roll') && <BuildRoll onBuilt={() => void refetch()} />}
      <FilterForm<{ month?: Dayjs }>
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={list.setFilter}
        toForm={(f) => ({ month: fromMonth(f.month) })}
        fromForm={(v) => ({ month: toMonth(v.month) })}
        submitTestId="rolls-filter-submit"
      >
        <Form.Item name="month" label="发放月份">
          <DatePicker picker="month" allowClear />
        </Form.Item>
      </FilterForm>
      <ListError error={error} />
      <Table<Roll>
        rowKey="id"
        size="small"
        loading={isFetching && !data}
        dataSource={data?.items}
        onRow={rowTestId('roll-row')}
        pagination={list.pagination(data?.total, '册')}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <Empty
              description={
                list.hasFilter
                  ? '该月还没有名册。'
                  : can('assistance.roll')
                    ? '还没有发放名册。在上方选择县（市、区）和发放月份，点击“编制名册”。'
                    : '还没有发放名册。名册由县级民政部门每月编制。'
              }
            />
          ),
        }}
        columns={[
          {
            title: '名册',
            key: 'name',
            render: (_: unknown, r) => (
              <Link to={`/assistance/rolls/${r.id}`} data-testid="roll-link">
                {r.countyName ?? r.countyCode} {monthLabel(r.month)}
              </Link>
            ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            render: (v: Roll['status']) => <Tag color={rollStatuses[v].color}>{rollStatuses[v].label}</Tag>,
          },
          { title: `${own}户（人）数`, dataIndex: 'lines', align: 'right' },
          { title: `${own}金额合计`, dataIndex: 'totalFen', align: 'right', render: (v: number) => <Money fen={v} /> },
          { title: '编制完成', dataIndex: 'builtAt', render: (v: string | null) => dateTime(v) },
          { title: '审核时间', dataIndex: 'approvedAt', render: (v: string | null) => dateTime(v) },
        ]}
      />
    </div>
  );
}

function BuildRoll({ onBuilt }: { onBuilt: () => void }) {
  const [form] = Form.useForm<{ countyCode: string; month: Dayjs }>();
  const counties = useCounties();
  const [started, setStarted] = useState<{ id: number; jobId: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();
  const submit = async (v: { countyCode: string; month: Dayjs }) => {
    setError(null);
    setBusy(true);
    try {
      setStarted(await api.post<RollStarted>('/api/payments/assistance/rolls', { countyCode: v.countyCode, month: toMonth(v.month) }));
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
            describe={(r) => `名册已生成：${Number(r.lines ?? 0)} 户（人），合计 ${yuan(Number(r.totalFen ?? 0))} 元`}
            onDone={() => {
              onBuilt();
              void client.invalidateQueries({ queryKey: ['assistance-roll', String(started.id)] });
            }}
          />
          <Space style={{ marginTop: 8 }}>
            <Button onClick={() => navigate(`/assistance/rolls/${started.id}`)} data-testid="roll-open">
              查看名册
            </Button>
          </Space>
        </div>
      )}
    </Card>
  );
}
