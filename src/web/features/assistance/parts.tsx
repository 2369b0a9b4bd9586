/**
 * Small pieces the social-assistance pages share: the status tag, the days-left cell with its
 * colours, money in 元, a background job's progress (polled), the counties a user may choose, and
 * the month pickers' conversions.
 */
import { useEffect, useRef } from 'react';
import { Alert, Progress, Space, Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, dateTime, errorMessage } from '../../app/api';
import { useMe } from '../../app/auth';
import { yuan } from '../../../shared/money';
import { countyOf, levelOf } from '../../../shared/divisions';
import type { DivisionNode, DivisionDetail } from '../../components/DivisionPicker';
import type { CaseStatus } from '../../../shared/assistance-codes';
import { useJob, type Job } from '../../app/jobs';
import { nextMonthStart } from '../../app/today';

const statusColors: Record<CaseStatus, string> = {
  submitted: 'gold',
  supplementing: 'orange',
  accepted: 'blue',
  checking: 'blue',
  visiting: 'blue',
  township_review: 'geekblue',
  notice: 'purple',
  awaiting_decision: 'cyan',
  paid_first: 'magenta',
  approved: 'green',
  refused: 'red',
  rejected: 'red',
  withdrawn: 'default',
};

export function StatusTag({ status, name }: { status: string; name: string }) {
  return (
    <Tag color={statusColors[status as CaseStatus] ?? 'default'} data-testid="case-status" style={{ marginInlineEnd: 0 }}>
      {name}
    </Tag>
  );
}

/** 157200 → "1,572.00 元". */
export function Money({ fen, unit = true, strong = false }: { fen: number | null | undefined; unit?: boolean; strong?: boolean }) {
  if (fen === null || fen === undefined) return null;
  const text = `${yuan(fen)}${unit ? ' 元' : ''}`;
  return (
    <span className="money" style={strong ? { fontWeight: 600 } : undefined}>
      {text}
    </span>
  );
}

/**
 * 剩余工作日: red once past the deadline, orange on its last working day; "暂按工作日推算" when the
 * holiday schedule of a year on the way is not entered yet (the deadline may still move).
 */
export function DaysLeft({ days, provisional }: { days: number | null; provisional: boolean }) {
  if (days === null) return <span className="hint">—</span>;
  const color = days < 0 ? '#cf1322' : days <= 1 ? '#d46b08' : undefined;
  const text = days < 0 ? `超期 ${-days} 个工作日` : days === 0 ? '今日到期' : `剩 ${days} 个工作日`;
  return (
    <Space size={4} wrap>
      <span data-testid="days-left" style={{ color, fontWeight: color ? 600 : undefined }}>
        {text}
      </span>
      {provisional && <ProvisionalTag />}
    </Space>
  );
}

/** 济时救: the hour by which an 急难型 case must be helped first; red once it has passed. */
export function UrgentDue({ at }: { at: string | null | undefined }) {
  if (!at) return null;
  const late = Date.parse(at) < Date.now();
  return (
    <Tooltip title="急难型临时救助：一般 24 小时内、最紧急 2 小时内先行救助">
      <Tag color={late ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }} data-testid="urgent-due">
        {late ? '已超过先行救助时限' : `${dateTime(at).slice(5, 16)} 前先行救助`}
      </Tag>
    </Tooltip>
  );
}

/** A background job (roll building, recomputation): its progress, polled every second until it ends. */
export function JobProgress({
  jobId,
  label,
  onDone,
  describe,
}: {
  jobId: number;
  label: string;
  onDone?: (job: Job) => void;
  describe?: (result: Record<string, unknown>) => string;
}) {
  const job = useJob(jobId);
  const reported = useRef<number | null>(null);
  const status = job.data?.status;
  useEffect(() => {
    if (job.data && (status === 'succeeded' || status === 'failed') && reported.current !== job.data.id) {
      reported.current = job.data.id;
      onDone?.(job.data);
    }
  }, [status, job.data, onDone]);
  if (job.error) return <Alert type="error" showIcon title={errorMessage(job.error, '无法读取任务进度')} />;
  const j = job.data;
  let bar;
  if (!j || j.status === 'queued') bar = <Progress percent={0} status="active" format={() => '排队中'} />;
  else if (j.status === 'running')
    bar = <Progress percent={j.total ? Math.floor((j.progress / j.total) * 100) : 100} showInfo={Boolean(j.total)} status="active" />;
  else if (j.status === 'succeeded') bar = <Progress percent={100} status="success" />;
  else bar = <Progress percent={100} status="exception" />;
  return (
    <div data-testid="job-progress" data-status={j?.status ?? 'queued'}>
      <div className="hint">{label}</div>
      {bar}
      {j?.status === 'succeeded' && describe && j.result && (
        <Alert type="success" showIcon title={describe(j.result)} data-testid="job-result" />
      )}
      {j?.status === 'failed' && <Alert type="error" showIcon title={j.error ?? '任务失败，请稍后重试'} />}
    </div>
  );
}

/** The counties (县市区) a user may pick: the city's twelve for a city user, their own for a county user. */
export function useCounties() {
  const { data: me } = useMe();
  const root = me?.divisionCode ?? '';
  return useQuery({
    queryKey: ['assistance-counties', root],
    enabled: Boolean(root),
    staleTime: Infinity,
    queryFn: async (): Promise<{ code: string; name: string }[]> => {
      if (levelOf(root) === 'city')
        return (await api.get<DivisionNode[]>(`/api/divisions/children?parent=${root}`)).map((d) => ({ code: d.code, name: d.name }));
      const county = await api.get<DivisionDetail>(`/api/divisions/${countyOf(root)}`);
      return [{ code: county.code, name: county.name }];
    },
  });
}

/** Month pickers hold a dayjs; the API wants 'YYYY-MM'. */
export const toMonth = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM') : undefined);
export const fromMonth = (m: string | null | undefined) => (m ? dayjs(`${m}-01`) : undefined);
export const nextMonth = nextMonthStart;

/** A deadline counted through a year whose holiday schedule is not entered yet. */
export function ProvisionalTag() {
  return (
    <Tooltip title="期限所跨年度的节假日安排尚未录入，暂按周一至周五为工作日推算；录入后会自动更正">
      <Tag color="warning" style={{ marginInlineEnd: 0 }} data-testid="provisional">
        暂按工作日推算
      </Tag>
    </Tooltip>
  );
}

/** The whole-case limit (办结期限), marked provisional like a stage deadline. */
export function CaseDue({ date, provisional }: { date: string | null; provisional: boolean }) {
  if (!date) return <span className="hint">—</span>;
  return (
    <Space size={4} wrap>
      <span data-testid="case-due">{date}</span>
      {provisional && <ProvisionalTag />}
    </Space>
  );
}
