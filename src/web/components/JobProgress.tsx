import { useEffect, useRef } from 'react';
import { Alert, Progress } from 'antd';
import { errorMessage } from '../app/api';
import { useJob, type Job } from '../app/jobs';

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
