import { Button, Card, Col, Row, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { ListError, ListTable, PageHeader, useUrlList } from '../../../app/list';
import { caseColumns } from './caseColumns';
import type { Worklist } from '../../../../shared/assistance/cases';

/**
 * 待办: the cases waiting on this user's role, soonest deadline first (GET /api/assistance/worklist).
 * The worklist takes no filters: it is "what to do next"; searching is on 救助案件.
 */
export function WorklistPage() {
  const list = useUrlList();
  const can = useCan();
  const navigate = useNavigate();
  const { data, isFetching, error } = useQuery({
    queryKey: ['assistance-worklist', list.query],
    queryFn: () => api.get<Worklist>(`/api/assistance/worklist${list.query}`),
  });
  return (
    <div>
      <PageHeader
        title="待办"
        sub="等待您办理的救助案件，按本环节期限排序。剩余工作日不足 1 天的标橙色，已超期的标红色。"
        extra={
          <>
            <Button onClick={() => navigate('/assistance/cases')}>按条件查询案件</Button>
            {can('assistance.apply') && (
              <Button type="primary" onClick={() => navigate('/assistance/apply')} data-testid="worklist-apply">
                窗口受理
              </Button>
            )}
          </>
        }
      />
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic title="待办案件" value={data?.total ?? 0} suffix="件" />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic
              title="临近期限（1 个工作日内）"
              value={data?.nearDue ?? 0}
              suffix="件"
              styles={{ content: { color: data?.nearDue ? '#d46b08' : undefined } }}
            />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic
              title="已超期"
              value={data?.overdue ?? 0}
              suffix="件"
              styles={{ content: { color: data?.overdue ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
      </Row>
      <ListError error={error} />
      <ListTable
        list={list}
        page={data}
        loading={isFetching}
        unit="件"
        columns={caseColumns()}
        rowId="worklist-row"
        onRow={(r) => ({ onClick: () => void navigate(`/assistance/cases/${r.id}`), style: { cursor: 'pointer' } })}
        empty={{
          none: can('assistance.apply')
            ? '没有等待您办理的案件。群众到窗口申请时，点击右上角“窗口受理”登记；网上申请提交后会出现在这里。'
            : '没有等待您办理的案件。下级上报、待您审核审批的案件会出现在这里。',
        }}
      />
    </div>
  );
}
