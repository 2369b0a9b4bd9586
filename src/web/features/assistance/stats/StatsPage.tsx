import { Alert, Card, Col, DatePicker, Empty, Row, Space, Spin, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { api, errorMessage, qs } from '../../../app/api';
import { ExportButton, PageHeader } from '../../../app/list';
import { monthLabel } from '../../../../shared/dates';
import { yuan } from '../../../../shared/money';
import { toMonth } from '../../../app/months';
import { Money } from '../../../components/Money';
import { CoveredPersonsChart, SpendingChart } from './StatsCharts';
import { thisMonth } from '../../../app/today';
import type { AssistanceStats } from '../../../../shared/assistance/stats';

/**
 * 救助统计: persons and monthly amounts in force for a month by county × category, money paid
 * by month from the payment rolls (last 12 months), and persons by benefit type.
 */
export function StatsPage() {
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? undefined;
  const { data, isFetching, error } = useQuery({
    queryKey: ['assistance-stats', month],
    queryFn: () => api.get<AssistanceStats>(`/api/assistance/stats${qs({ month })}`),
  });
  const paid = (data?.byCounty ?? []).filter((r) => r.category !== 'borderline');
  const totals = paid.reduce(
    (t, r) => ({
      households: t.households + r.households,
      persons: t.persons + r.persons,
      monthlyFen: t.monthlyFen + r.monthlyFen,
    }),
    { households: 0, persons: 0, monthlyFen: 0 },
  );
  return (
    <div>
      <PageHeader
        title="救助统计"
        sub="管辖范围内按月统计：在享人数和月发放金额按当月有效的待遇计算；发放金额来自各月发放名册。"
        extra={
          <Space>
            <span>统计月份</span>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${data?.month ?? month ?? thisMonth()}-01`)}
              onChange={(d) => setParams(new URLSearchParams(qs({ month: toMonth(d) }).slice(1)))}
              data-testid="stats-month"
            />
            <ExportButton
              url="/api/assistance/stats/export"
              filter={{ month: data?.month ?? month }}
              filename="社会救助统计.xlsx"
              testId="stats-export"
            />
          </Space>
        }
      />
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error, '统计数据加载失败')} />
      ) : !data ? (
        <Spin style={{ display: 'block', margin: 60 }} />
      ) : (
        <Spin spinning={isFetching}>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={`${monthLabel(data.month)} 在享户数`} value={totals.households} suffix="户" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="保障人数" value={totals.persons} suffix="人" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="月发放金额" value={yuan(totals.monthlyFen)} suffix="元" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="低保边缘家庭" value={data.borderlineHouseholds} suffix="户" />
              </Card>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} xl={14}>
              <Card size="small" title="保障人数 · 按县区和类别">
                {data.byCounty.length ? (
                  <CoveredPersonsChart byCounty={data.byCounty} />
                ) : (
                  <Empty description={`${monthLabel(data.month)} 没有在享的救助待遇。案件审批通过后，自次月起计入统计。`} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title="明细 · 按县区和类别">
                <Table
                  rowKey={(r) => `${r.countyCode}|${r.category}`}
                  size="small"
                  pagination={false}
                  dataSource={data.byCounty}
                  data-testid="stats-by-county"
                  locale={{ emptyText: '暂无数据' }}
                  columns={[
                    { title: '县（市、区）', dataIndex: 'countyName' },
                    { title: '类别', dataIndex: 'categoryName' },
                    { title: '户数', dataIndex: 'households', align: 'right' },
                    { title: '人数', dataIndex: 'persons', align: 'right' },
                    {
                      title: '月金额（元）',
                      dataIndex: 'monthlyFen',
                      align: 'right',
                      render: (v: number) => <Money fen={v} unit={false} />,
                    },
                  ]}
                  summary={() =>
                    data.byCounty.length ? (
                      <Table.Summary.Row>
                        <Table.Summary.Cell index={0} colSpan={2}>
                          <b>合计（不含边缘家庭）</b>
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={2} align="right">
                          <b>{totals.households}</b>
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={3} align="right">
                          <b>{totals.persons}</b>
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={4} align="right">
                          <b>{yuan(totals.monthlyFen)}</b>
                        </Table.Summary.Cell>
                      </Table.Summary.Row>
                    ) : null
                  }
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={12} className="section-gap">
            <Col xs={24} xl={14}>
              <Card size="small" title="发放金额 · 近 12 个月">
                {data.spending.length ? (
                  <SpendingChart spending={data.spending} />
                ) : (
                  <Empty description="近 12 个月还没有发放名册。县级编制并审核月度名册后在此显示。" />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title="困难群众 · 按待遇类型（人）">
                <Table
                  rowKey="type"
                  size="small"
                  pagination={false}
                  dataSource={data.difficulty}
                  locale={{ emptyText: '暂无待遇记录' }}
                  columns={[
                    { title: '待遇类型', dataIndex: 'typeName' },
                    { title: '人数', dataIndex: 'persons', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          {data.spending.length > 0 && (
            <Card size="small" title="发放明细 · 按月份和类别" className="section-gap">
              <Table
                rowKey={(r) => `${r.month}|${r.category}`}
                size="small"
                pagination={false}
                dataSource={[...data.spending].reverse()}
                data-testid="stats-spending"
                columns={[
                  { title: '月份', dataIndex: 'month', render: monthLabel },
                  { title: '类别', dataIndex: 'categoryName' },
                  { title: '发放户（人）次', dataIndex: 'lines', align: 'right' },
                  { title: '已发放（元）', dataIndex: 'paidFen', align: 'right', render: (v: number) => <Money fen={v} unit={false} /> },
                  {
                    title: '发放失败（元）',
                    dataIndex: 'failedFen',
                    align: 'right',
                    render: (v: number) =>
                      v ? (
                        <span style={{ color: '#cf1322' }}>
                          <Money fen={v} unit={false} />
                        </span>
                      ) : (
                        <Money fen={v} unit={false} />
                      ),
                  },
                  { title: '未回盘（元）', dataIndex: 'pendingFen', align: 'right', render: (v: number) => <Money fen={v} unit={false} /> },
                ]}
              />
            </Card>
          )}
        </Spin>
      )}
    </div>
  );
}
