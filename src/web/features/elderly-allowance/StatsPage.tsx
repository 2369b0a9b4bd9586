import { DatePicker, Empty, Space, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { ExportButton, ListError, PageHeader } from '../../app/list';
import { fromMonth, toMonth } from '../../app/months';
import { Money } from '../../components/Money';
import { yuan } from '../../../shared/money';
import type { AllowanceStats } from '../../../shared/elderly-allowance/allowances';

type Row = AllowanceStats['rows'][number];

/** 高龄津贴统计: a month's persons paid and amounts by division and band, inside the viewer's jurisdiction. */
export function StatsPage() {
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? undefined;
  const { data, error, isFetching } = useQuery({
    queryKey: ['elderly-stats', month],
    queryFn: () => api.get<AllowanceStats>(`/api/elderly-allowance/stats${month ? `?month=${month}` : ''}`),
  });
  return (
    <div>
      <PageHeader title="高龄津贴统计" sub="当月应发放的人数和金额（已确认首次发放、当月在发放期内），按下一级区划和年龄段统计。" />
      <Space style={{ marginBottom: 16 }} size="large">
        <DatePicker
          picker="month"
          value={fromMonth(month)}
          onChange={(d) => setParams(d ? { month: toMonth(d)! } : {})}
          allowClear
          data-testid="elderly-stats-month"
        />
        {data && <Statistic title={`${data.month} 发放人数`} value={data.persons} suffix="人" />}
        {data && <Statistic title="发放金额" value={yuan(data.amountFen)} suffix="元" />}
        <ExportButton
          url="/api/elderly-allowance/stats/export"
          filter={{ month: data?.month ?? month }}
          filename={`高龄津贴统计_${data?.month ?? month ?? ''}.xlsx`}
          testId="elderly-stats-export"
        />
      </Space>
      <ListError error={error} />
      <Table<Row>
        rowKey={(r) => `${r.divisionCode}-${r.band}`}
        size="small"
        loading={isFetching}
        dataSource={data?.rows}
        pagination={false}
        locale={{ emptyText: <Empty description="该月没有应发放的高龄津贴。乡镇（街道）确认首次发放后计入统计。" /> }}
        columns={[
          { title: '区划', dataIndex: 'divisionName' },
          { title: '年龄段', dataIndex: 'bandName' },
          { title: '人数', dataIndex: 'persons', align: 'right' },
          { title: '金额（元）', dataIndex: 'amountFen', align: 'right', render: (f: number) => <Money fen={f} unit={false} /> },
        ]}
      />
    </div>
  );
}
