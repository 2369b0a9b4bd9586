import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { brand } from '../../app/theme';
import type { RegistryStats } from '../../../shared/registry/stats';

// Only what this chart uses is registered: the home page chunk stays small.
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Persons and households per division (the level below the user's) as grouped bars. */
export function RegistryChart({ rows }: { rows: RegistryStats['byDivision'] }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 460 }}
      notMerge
      option={{
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { data: ['人员', '家庭'], top: 0 },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: rows.map((c) => c.name),
          // Long names (济宁高新技术产业开发区) wrap instead of running into the next label.
          axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, width: 80, overflow: 'truncate' },
        },
        yAxis: { type: 'value', name: '人 / 户', minInterval: 1 },
        series: [
          { name: '人员', type: 'bar', data: rows.map((c) => c.persons), itemStyle: { color: brand.blue }, barMaxWidth: 28 },
          { name: '家庭', type: 'bar', data: rows.map((c) => c.households), itemStyle: { color: brand.gold }, barMaxWidth: 28 },
        ],
      }}
    />
  );
}
