/** A person's visits (探访记录): the plan, every visit with its photos, who visits and since when, and assigning the worker. */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Image, List, Select, Space, Spin, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, dateTime, errorMessage, qs } from '../../app/api';
import { NotFoundResult } from '../../app/Results';
import { PageHeader } from '../../app/list';
import type { PersonVisitsAnswer, WorkersAnswer } from '../../../shared/visits/visits';
import { StateTag, useProgrammes } from './shared';

export function PersonVisitsPage() {
  const { programme, personId } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const programmes = useProgrammes();
  const info = programmes.data?.items.find((p) => p.code === programme);
  const base = `/api/visits/${programme}`;
  const person = useQuery({
    queryKey: ['visit-person', programme, personId],
    queryFn: () => api.get<PersonVisitsAnswer>(`${base}/persons/${personId}`),
  });
  const plan = person.data?.plan;
  const township = plan ? plan.divisionCode.slice(0, 9) : undefined;
  const workers = useQuery({
    queryKey: ['visit-workers', programme, township],
    enabled: Boolean(info?.mayAssign && township),
    queryFn: () => api.get<WorkersAnswer>(`${base}/workers${qs({ divisionCode: township })}`),
  });
  const [worker, setWorker] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (person.error) return <NotFoundResult title={errorMessage(person.error)} back="/visits/plans" backLabel="返回探访名单" />;
  if (!person.data || !plan) return <Spin style={{ display: 'block', margin: 60 }} />;

  const assign = async () => {
    if (!worker) return setError('请选择探访人员');
    setBusy(true);
    setError(null);
    try {
      await api.post(`${base}/persons/${personId}/assign`, { workerUserId: worker });
      message.success('已分配探访人员');
      setWorker(undefined);
      void person.refetch();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageHeader
        title={<>探访记录 {plan.name}</>}
        sub={info?.name}
        extra={
          <>
            {info?.mayVisit && (
              <Button
                type="primary"
                onClick={() => navigate(`/visits/${programme}/persons/${personId}/record`)}
                data-testid="person-record"
              >
                登记探访
              </Button>
            )}
            <Button onClick={() => navigate(-1)}>返回</Button>
          </>
        }
      />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'state', label: '状态', children: <StateTag plan={plan} /> },
          { key: 'due', label: '应探访日期', children: plan.dueDate },
          { key: 'interval', label: '探访周期', children: `每 ${plan.intervalDays} 个${plan.clockName}` },
          { key: 'division', label: '所在区划', children: plan.divisionName },
          { key: 'category', label: '类别', children: plan.categoryName },
          { key: 'risk', label: '风险', children: plan.riskName },
          { key: 'worker', label: '探访人员', children: plan.workerName ?? <span className="hint">未分配</span> },
          {
            key: 'last',
            label: '上次探访',
            children: plan.lastVisitedAt ? dateTime(plan.lastVisitedAt) : `尚未探访（自 ${plan.since} 起计）`,
          },
        ]}
      />
      {info?.mayAssign && (
        <Card size="small" title="分配探访人员" className="section-gap" data-testid="assign-card">
          <Space wrap>
            <Select
              style={{ minWidth: 220 }}
              placeholder={`选择${info.visitLevelName}工作人员`}
              value={worker}
              onChange={setWorker}
              loading={workers.isLoading}
              options={(workers.data?.items ?? []).map((w) => ({ value: w.id, label: w.displayName }))}
              notFoundContent="本乡镇（街道）没有持有探访权限的工作人员"
              data-testid="assign-worker"
            />
            <Button type="primary" onClick={() => void assign()} loading={busy} data-testid="assign-submit">
              分配
            </Button>
          </Space>
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
          {person.data.assignments.length > 0 && (
            <Table
              className="section-gap"
              size="small"
              rowKey={(a) => `${a.workerUserId}-${a.fromDate}`}
              pagination={false}
              dataSource={person.data.assignments}
              columns={[
                { title: '探访人员', dataIndex: 'workerName' },
                { title: '起', dataIndex: 'fromDate' },
                { title: '止', dataIndex: 'toDate', render: (v: string | null) => v ?? '至今' },
              ]}
            />
          )}
        </Card>
      )}
      <Card size="small" title="探访记录" className="section-gap" data-testid="person-visits">
        {person.data.visits.length === 0 ? (
          <Empty description="尚无探访记录。点击「登记探访」记录第一次探访。" />
        ) : (
          <List
            dataSource={person.data.visits}
            renderItem={(v) => (
              <List.Item key={v.id}>
                <div style={{ width: '100%' }}>
                  <div>
                    <strong>{dateTime(v.visitedAt).slice(0, 16)}</strong> · {v.visitorName} · {v.place}
                  </div>
                  <div>探访情况：{v.situation}</div>
                  {v.needs && <div>需求：{v.needs}</div>}
                  {v.followUp && <div>后续跟进：{v.followUp}</div>}
                  {v.photoFileIds.length > 0 && (
                    <Image.PreviewGroup>
                      <Space wrap style={{ marginTop: 4 }}>
                        {v.photoFileIds.map((f) => (
                          <Image
                            key={f}
                            width={96}
                            height={96}
                            style={{ objectFit: 'cover' }}
                            src={`${base}/visits/${v.id}/photos/${f}`}
                            alt="探访照片"
                          />
                        ))}
                      </Space>
                    </Image.PreviewGroup>
                  )}
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
