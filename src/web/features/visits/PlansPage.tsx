/**
 * 探访名单与统计: a division's people of a programme, due soonest first, filtered (状态, 未分配, 姓名)
 * and paged, with the counts by the divisions one level below the viewer's (a township sees its
 * villages, a county its townships) and the list's xlsx export.
 */
import { Alert, Card, Empty, Form, Input, Select, Spin, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, dateTime } from '../../app/api';
import { ExportButton, FilterForm, ListError, ListTable, PageHeader, useUrlList, type Filter } from '../../app/list';
import { planStates, type DivisionCountsAnswer, type VisitPlan, type VisitPlansPage } from '../../../shared/visits/visits';
import { StateTag, useProgrammes } from './shared';

export function PlansPage() {
  const navigate = useNavigate();
  const programmes = useProgrammes();
  const list = useUrlList<Filter>();
  const programme = list.filter.programme ?? programmes.data?.items[0]?.code;
  const info = programmes.data?.items.find((p) => p.code === programme);
  const { programme: _p, ...filter } = list.filter;
  const query = new URLSearchParams(list.query.slice(1));
  query.delete('programme');
  const q = query.toString() ? `?${query.toString()}` : '';
  const page = useQuery({
    queryKey: ['visit-plans', programme, q],
    enabled: Boolean(programme),
    queryFn: () => api.get<VisitPlansPage>(`/api/visits/${programme}/plans${q}`),
  });
  const countsQs = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString();
  const counts = useQuery({
    queryKey: ['visit-counts', programme, countsQs],
    enabled: Boolean(programme),
    queryFn: () => api.get<DivisionCountsAnswer>(`/api/visits/${programme}/counts${countsQs ? `?${countsQs}` : ''}`),
  });
  if (programmes.isLoading) return <Spin style={{ display: 'block', margin: 60 }} />;
  if (!programme || !info) return <Empty description="您没有可查看的探访项目。" />;
  return (
    <div>
      <PageHeader title="探访名单与统计" sub={`${info.name} · ${info.frequencyText}`} />
      <FilterForm
        filter={list.filter}
        filterKey={list.filterKey}
        onSearch={(f) => list.setFilter({ ...f, programme: list.filter.programme })}
        actions={<ExportButton url={`/api/visits/${programme}/plans/export`} filter={filter} filename={`${info.name}.xlsx`} />}
      >
        {(programmes.data?.items.length ?? 0) > 1 && (
          <Form.Item name="programme" label="探访项目">
            <Select style={{ width: 200 }} options={programmes.data!.items.map((p) => ({ value: p.code, label: p.name }))} />
          </Form.Item>
        )}
        <Form.Item name="state" label="状态">
          <Select allowClear style={{ width: 120 }} options={Object.entries(planStates).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="unassigned" label="探访人员">
          <Select allowClear style={{ width: 120 }} options={[{ value: 'true', label: '未分配' }]} />
        </Form.Item>
        <Form.Item name="name" label="姓名">
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
      </FilterForm>
      <ListError error={page.error} />
      {counts.data && (
        <Card size="small" title="按区划统计" style={{ marginBottom: 12 }} data-testid="visit-counts">
          {counts.data.rows.length === 0 ? (
            <span className="hint">暂无探访对象。</span>
          ) : (
            <Table
              size="small"
              rowKey="divisionCode"
              pagination={false}
              dataSource={counts.data.rows}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: '区划', dataIndex: 'divisionName' },
                { title: '对象', dataIndex: 'total', align: 'right' },
                { title: '超期', dataIndex: 'overdue', align: 'right' },
                { title: '临期', dataIndex: 'near', align: 'right' },
                { title: '未分配', dataIndex: 'unassigned', align: 'right' },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {counts.data.all.total}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {counts.data.all.overdue}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {counts.data.all.near}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {counts.data.all.unassigned}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          )}
        </Card>
      )}
      {page.data?.counts.unassigned ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`有 ${page.data.counts.unassigned} 名对象尚未分配探访人员：打开对象，在「分配探访人员」中选择。`}
        />
      ) : null}
      <ListTable<VisitPlan>
        list={list}
        page={page.data}
        loading={page.isLoading}
        unit="人"
        rowKey="personId"
        onRow={(p) => ({ onClick: () => void navigate(`/visits/${programme}/persons/${p.personId}`), style: { cursor: 'pointer' } })}
        empty={{ filtered: '没有符合条件的对象，请调整筛选条件。', none: '暂无探访对象：特困人员审批为分散供养后即列入探访名单。' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '所在区划', dataIndex: 'divisionName' },
          { title: '类别', dataIndex: 'categoryName' },
          { title: '风险', dataIndex: 'riskName' },
          { title: '探访人员', dataIndex: 'workerName', render: (v: string | null) => v ?? <span className="hint">未分配</span> },
          { title: '上次探访', dataIndex: 'lastVisitedAt', render: (v: string | null) => (v ? dateTime(v).slice(0, 16) : '尚未探访') },
          { title: '应探访日期', dataIndex: 'dueDate' },
          { title: '状态', key: 'state', render: (_: unknown, p) => <StateTag plan={p} /> },
        ]}
      />
    </div>
  );
}
