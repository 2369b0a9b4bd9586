/** What the visits pages share: the programmes the user works in, and a plan's state as a tag. */
import { Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { PlanState, ProgrammesAnswer, VisitPlan } from '../../../shared/visits/visits';

export const stateColors: Record<PlanState, string> = { overdue: 'red', near: 'orange', ok: 'green' };

export function StateTag({ plan }: { plan: Pick<VisitPlan, 'state' | 'stateName' | 'daysLeft' | 'clockName'> }) {
  const text =
    plan.state === 'overdue'
      ? `${plan.stateName} ${-plan.daysLeft} 天`
      : plan.daysLeft === 0
        ? '今天到期'
        : `${plan.stateName} · 还有 ${plan.daysLeft} 个${plan.clockName}`;
  return (
    <Tag color={stateColors[plan.state]} data-testid="plan-state">
      {text}
    </Tag>
  );
}

export function useProgrammes() {
  return useQuery({ queryKey: ['visit-programmes'], queryFn: () => api.get<ProgrammesAnswer>('/api/visits') });
}

/** The programme picker (shown only where the user works in more than one). */
export function ProgrammePicker({
  value,
  onChange,
  items,
}: {
  value: string;
  onChange: (v: string) => void;
  items: ProgrammesAnswer['items'];
}) {
  if (items.length < 2) return null;
  return (
    <Select value={value} onChange={onChange} options={items.map((p) => ({ value: p.code, label: p.name }))} style={{ minWidth: 220 }} />
  );
}

/** The phone-sized pages (我的探访, 登记探访): one column, at most 480 px, never wider than the screen. */
export const phone = { maxWidth: 480, margin: '0 auto', overflowWrap: 'anywhere' } as const;
