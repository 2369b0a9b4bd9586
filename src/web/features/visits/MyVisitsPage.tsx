/**
 * 我的探访: the people assigned to the signed-in worker, due soonest first, with the counts of 超期 and
 * 临期; sized for a phone (375 px), each person a card with one large button to record the visit.
 */
import { useState } from 'react';
import { Alert, Button, Card, Empty, Segmented, Space, Spin, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, dateTime, errorMessage, qs } from '../../app/api';
import type { PlanState, VisitPlansPage } from '../../../shared/visits/visits';
import { phone, ProgrammePicker, StateTag, useProgrammes } from './shared';

export function MyVisitsPage() {
  const navigate = useNavigate();
  const programmes = useProgrammes();
  const visiting = (programmes.data?.items ?? []).filter((p) => p.mayVisit);
  const [chosen, setChosen] = useState<string | null>(null);
  const programme = chosen ?? visiting[0]?.code ?? null;
  const [state, setState] = useState<PlanState | 'all'>('all');
  const list = useQuery({
    queryKey: ['visits-mine', programme, state],
    enabled: programme !== null,
    queryFn: () =>
      api.get<VisitPlansPage>(`/api/visits/${programme}/mine${qs({ state: state === 'all' ? undefined : state, pageSize: 200 })}`),
  });
  if (programmes.isLoading) return <Spin style={{ display: 'block', margin: 60 }} />;
  if (!programme) return <Empty description="您没有可登记的探访项目。请联系管理员分配探访权限。" />;
  const counts = list.data?.counts;
  return (
    <div style={phone} data-testid="visits-mine">
      <h2 className="page-title">我的探访</h2>
      <ProgrammePicker value={programme} onChange={setChosen} items={visiting} />
      <Card size="small" style={{ margin: '8px 0' }}>
        <Space size="large" wrap>
          <Statistic title="我负责" value={counts?.total ?? 0} suffix="人" />
          <Statistic title="超期" value={counts?.overdue ?? 0} suffix="人" valueStyle={{ color: '#cf1322' }} data-testid="mine-overdue" />
          <Statistic title="临期" value={counts?.near ?? 0} suffix="人" valueStyle={{ color: '#d46b08' }} />
        </Space>
      </Card>
      <Segmented<PlanState | 'all'>
        block
        value={state}
        onChange={setState}
        options={[
          { value: 'all', label: '全部' },
          { value: 'overdue', label: '超期' },
          { value: 'near', label: '临期' },
        ]}
        data-testid="mine-filter"
      />
      {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginTop: 8 }} />}
      {list.isLoading && <Spin style={{ display: 'block', margin: 24 }} />}
      {list.data && list.data.items.length === 0 && (
        <Empty
          style={{ marginTop: 24 }}
          description={
            state === 'all'
              ? '暂无分配给您的探访对象。请乡镇（街道）在「探访名单与统计」中为对象分配探访人员。'
              : `没有${state === 'overdue' ? '超期' : '临期'}的探访对象。`
          }
        />
      )}
      {list.data?.items.map((p) => (
        <Card key={p.personId} size="small" style={{ marginTop: 8 }} data-testid={`mine-person-${p.personId}`}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
            <Link to={`/visits/${programme}/persons/${p.personId}`} style={{ fontSize: 17, fontWeight: 600 }}>
              {p.name}
            </Link>
            <StateTag plan={p} />
          </div>
          <div className="hint" style={{ margin: '4px 0 8px', overflowWrap: 'anywhere' }}>
            {p.divisionName} · {p.categoryName} · {p.riskName} · 应于 {p.dueDate} 前探访
            <br />
            {p.lastVisitedAt ? `上次探访 ${dateTime(p.lastVisitedAt).slice(0, 16)}` : '尚未探访'}
          </div>
          <Button
            type="primary"
            block
            size="large"
            onClick={() => navigate(`/visits/${programme}/persons/${p.personId}/record`)}
            data-testid={`record-${p.personId}`}
          >
            登记探访
          </Button>
        </Card>
      ))}
    </div>
  );
}
