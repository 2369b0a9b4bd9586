import { Card, Col, Empty, Row, Statistic, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api } from '../../app/api';
import { useCan, useMe } from '../../app/auth';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

interface Stats {
  byCounty: { code: string; name: string; persons: number; households: number }[];
  totals: { persons: number; households: number };
}

export function HomePage() {
  const { data: me } = useMe();
  const can = useCan();
  const { data, isLoading } = useQuery({ queryKey: ['stats', 'registry'], queryFn: () => api.get<Stats>('/api/stats/registry'), enabled: can('stats.read') });
  return (
    <div>
      <h2 className="page-title">欢迎，{me?.displayName}</h2>
      {!can('stats.read') ? (
        <Empty description="您的角色没有统计查看权限。请从左侧菜单进入您的工作。" />
      ) : isLoading || !data ? (
        <Spin />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={6}><Card><Statistic title="登记人员" value={data.totals.persons} suffix="人" /></Card></Col>
            <Col span={6}><Card><Statistic title="登记家庭" value={data.totals.households} suffix="户" /></Card></Col>
            <Col span={6}><Card><Statistic title="管辖范围" value={me?.divisionName ?? ''} valueStyle={{ fontSize: 18 }} /></Card></Col>
          </Row>
          <Card title="人口与家庭库 · 按县区">
            {data.totals.persons === 0 ? (
              <Empty description="管辖范围内还没有登记人员。可在“人员查询”中登记，或通过“花名册导入”批量导入。" />
            ) : (
              <ReactEChartsCore
                echarts={echarts}
                style={{ height: 360 }}
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { data: ['人员', '家庭'] },
                  grid: { left: 50, right: 20, bottom: 60 },
                  xAxis: { type: 'category', data: data.byCounty.map((c) => c.name), axisLabel: { rotate: 30 } },
                  yAxis: { type: 'value' },
                  series: [
                    { name: '人员', type: 'bar', data: data.byCounty.map((c) => c.persons), itemStyle: { color: '#b4232a' } },
                    { name: '家庭', type: 'bar', data: data.byCounty.map((c) => c.households), itemStyle: { color: '#d9a441' } },
                  ],
                }}
              />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
