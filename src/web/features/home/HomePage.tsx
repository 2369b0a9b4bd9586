import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { useCan, useMe } from '../../app/auth';
import { PageHeader } from '../../app/list';
import { RegistryChart } from './RegistryChart';
import type { Worklist } from '../../../shared/assistance/cases';
import type { RegistryStats } from '../../../shared/registry/stats';

/** 首页: the registry in the user's jurisdiction, by the level below the user's (GET /api/stats/registry), and shortcuts. */
export function HomePage() {
  const { data: me } = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const stats = useQuery({
    queryKey: ['stats', 'registry'],
    queryFn: () => api.get<RegistryStats>('/api/stats/registry'),
    enabled: can('stats.read'),
  });
  const data = stats.data;
  const shortcuts = (
    <Space wrap>
      {can('assistance.read') && <Button onClick={() => navigate('/assistance/worklist')}>救助待办</Button>}
      {can('assistance.apply') && <Button onClick={() => navigate('/assistance/apply')}>窗口受理</Button>}
      {can('registry.read') && <Button onClick={() => navigate('/persons')}>人员查询</Button>}
      {can('registry.write') && <Button onClick={() => navigate('/persons/new')}>登记人员</Button>}
      {can('registry.write') && <Button onClick={() => navigate('/households/new')}>登记家庭</Button>}
      {can('registry.import') && <Button onClick={() => navigate('/imports')}>花名册导入</Button>}
      {can('audit.read') && <Button onClick={() => navigate('/audit')}>审计日志</Button>}
      {can('user.manage') && <Button onClick={() => navigate('/admin/users')}>用户管理</Button>}
    </Space>
  );

  return (
    <div>
      <PageHeader
        title={`欢迎，${me?.displayName ?? ''}`}
        sub={`管辖范围：${me?.organisationName ? `${me.organisationName}，` : ''}${me?.divisionName ?? ''}`}
        extra={shortcuts}
      />
      {can('assistance.read') && <WorklistSummary />}
      {!can('stats.read') ? (
        <Empty style={{ marginTop: 48 }} description="您的角色没有统计查看权限。请从左侧菜单或上方按钮进入您的工作。" />
      ) : stats.error ? (
        <Alert type="error" showIcon title={errorMessage(stats.error, '统计数据加载失败')} />
      ) : !data ? (
        <Spin style={{ display: 'block', margin: 60 }} />
      ) : (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col xs={24} sm={8}>
              <Card size="small">
                <Statistic title="登记人员" value={data.totals.persons} suffix="人" />
              </Card>
            </Col>
            <Col xs={24} sm={8}>
              <Card size="small">
                <Statistic title="登记家庭" value={data.totals.households} suffix="户" />
              </Card>
            </Col>
            <Col xs={24} sm={8}>
              <Card size="small">
                <Statistic
                  title="户均人数"
                  value={data.totals.households ? data.totals.persons / data.totals.households : 0}
                  precision={2}
                  suffix="人/户"
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={`人口与家庭库 · 按${data.level}`}>
            {data.totals.persons === 0 ? (
              <Empty description="管辖范围内还没有登记人员。可在“人员查询”中登记，或通过“花名册导入”批量导入。" />
            ) : (
              <Row gutter={16}>
                <Col xs={24} xl={16}>
                  <RegistryChart rows={data.byDivision} />
                </Col>
                <Col xs={24} xl={8}>
                  <Table
                    rowKey="code"
                    size="small"
                    pagination={false}
                    dataSource={data.byDivision}
                    data-testid="stats-table"
                    columns={[
                      { title: data.level, dataIndex: 'name' },
                      { title: '人员', dataIndex: 'persons', align: 'right' },
                      { title: '家庭', dataIndex: 'households', align: 'right' },
                    ]}
                    summary={() => (
                      <Table.Summary.Row>
                        <Table.Summary.Cell index={0}>
                          <b>合计</b>
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={1} align="right">
                          <b>{data.totals.persons}</b>
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={2} align="right">
                          <b>{data.totals.households}</b>
                        </Table.Summary.Cell>
                      </Table.Summary.Row>
                    )}
                  />
                </Col>
              </Row>
            )}
          </Card>
        </>
      )}
    </div>
  );
}

/** 救助待办: how many cases wait on the user, how many are near or past their deadline. */
function WorklistSummary() {
  const navigate = useNavigate();
  const { data, error } = useQuery({
    queryKey: ['assistance-worklist', 'summary'],
    queryFn: () => api.get<Worklist>('/api/assistance/worklist?pageSize=1'),
  });
  const open = () => navigate('/assistance/worklist');
  return (
    <Card
      size="small"
      title="社会救助 · 我的待办"
      style={{ marginBottom: 12 }}
      extra={
        <Button type="link" onClick={open}>
          进入待办
        </Button>
      }
      data-testid="home-worklist"
    >
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error, '待办加载失败')} />
      ) : (
        <Row gutter={12}>
          <Col xs={8}>
            <Statistic title="待办案件" value={data?.total ?? '-'} suffix="件" loading={!data} />
          </Col>
          <Col xs={8}>
            <Statistic
              title="临近期限（1 个工作日内）"
              value={data?.nearDue ?? '-'}
              suffix="件"
              loading={!data}
              styles={{ content: { color: data?.nearDue ? '#d46b08' : undefined } }}
            />
          </Col>
          <Col xs={8}>
            <Statistic
              title="已超期"
              value={data?.overdue ?? '-'}
              suffix="件"
              loading={!data}
              styles={{ content: { color: data?.overdue ? '#cf1322' : undefined } }}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
