import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { brand } from '../../../app/theme';
import { monthLabel } from '../../../../shared/dates';
import type { AssistanceStats } from '../../../../shared/assistance/stats';

// Only what these charts use is registered: the statistics chunk stays small.
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const palette = [brand.blue, brand.gold, brand.red, '#3f8f5b', '#7a5bb5'];

/** Recipients (persons covered) per county, one bar per category. */
export function CoveredPersonsChart({ byCounty }: { byCounty: AssistanceStats['byCounty'] }) {
  const counties = [...new Map(byCounty.map((r) => [r.countyCode, r.countyName ?? r.countyCode])).entries()];
  const categories = [...new Set(byCounty.map((r) => r.categoryName))];
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 380 }}
      notMerge
      option={{
        color: palette,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { data: categories, top: 0 },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: counties.map(([, n]) => n),
          axisLabel: { interval: 0, rotate: counties.length > 6 ? 30 : 0, width: 80, overflow: 'truncate' },
        },
        yAxis: { type: 'value', name: '人', minInterval: 1 },
        series: categories.map((cat) => ({
          name: cat,
          type: 'bar',
          barMaxWidth: 26,
          data: counties.map(([code]) => byCounty.find((r) => r.countyCode === code && r.categoryName === cat)?.persons ?? 0),
        })),
      }}
    />
  );
}

/** Money paid by month (from the payment rolls), one line per category, in 元. */
export function SpendingChart({ spending }: { spending: AssistanceStats['spending'] }) {
  const months = [...new Set(spending.map((r) => r.month))].sort();
  const categories = [...new Set(spending.map((r) => r.categoryName))];
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 320 }}
      notMerge
      option={{
        color: palette,
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v.toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元` },
        legend: { data: categories, top: 0 },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: months.map(monthLabel), boundaryGap: false },
        yAxis: { type: 'value', name: '元' },
        series: categories.map((cat) => ({
          name: cat,
          type: 'line',
          smooth: false,
          symbolSize: 7,
          data: months.map((m) => (spending.find((r) => r.month === m && r.categoryName === cat)?.paidFen ?? 0) / 100),
        })),
      }}
    />
  );
}
