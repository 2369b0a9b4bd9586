/** Background jobs (imports, rolls, recomputation) as the UI follows them, and the keys that make a submission safe to repeat. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { UploadFile } from 'antd';
import { api, errorMessage } from './api';
import type { JobAccepted, JobAnswer } from '../../shared/platform/jobs';

/** GET /api/jobs/:id (src/shared/platform/jobs.ts), its `result` read as the job's kind records it (`R`). */
export type Job<R = Record<string, unknown>> = Omit<JobAnswer, 'result'> & { result: R | null };

/** A job's state, polled every second until it ends; `running` until then. */
export function useJob<R = Record<string, unknown>>(jobId: number | null) {
  const job = useQuery({
    queryKey: ['job', jobId],
    queryFn: () => api.get<Job<R>>(`/api/jobs/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.status === 'succeeded' || q.state.data?.status === 'failed' || q.state.error ? false : 1000),
  });
  const running = jobId !== null && (!job.data || job.data.status === 'queued' || job.data.status === 'running');
  return { ...job, running };
}

/**
 * One key per form instance or chosen file, sent as Idempotency-Key: a double click or a retry
 * after a network failure returns the first result instead of doing the work twice.
 * crypto.randomUUID exists only in secure contexts (https, localhost); an intranet server reached
 * over plain http by address still gets a random v4 UUID from getRandomValues.
 */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A file uploaded to start a background job (花名册导入, 存量对象迁移): the chosen file, its
 * Idempotency-Key (a new one per chosen file: a retry of the same upload returns the first job
 * instead of importing twice; `newKey` when another choice changes what is sent), the upload's
 * error, and the job it started, polled until it ends. `again` starts over with no file.
 */
export function useUploadJob<R = Record<string, unknown>>() {
  const [file, setFile] = useState<UploadFile | null>(null);
  const [key, setKey] = useState(uuid);
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJob<R>(jobId);

  const choose = (f: UploadFile | null) => {
    setFile(f);
    setKey(uuid());
    setError(null);
  };
  const newKey = () => setKey(uuid());
  const submit = async (url: string, extraHeaders: Record<string, string> = {}) => {
    if (!file?.originFileObj) return;
    setError(null);
    setBusy(true);
    const body = new FormData();
    body.append('file', file.originFileObj);
    try {
      const { jobId: id } = await api.post<JobAccepted>(url, body, { ...extraHeaders, 'Idempotency-Key': key });
      setJobId(id);
    } catch (e) {
      setError(errorMessage(e, '上传失败'));
    } finally {
      setBusy(false);
    }
  };
  const again = () => {
    setJobId(null);
    choose(null);
  };
  return { file, jobId, job, running: job.running, error, busy, choose, newKey, submit, again };
}

export type UploadJob<R = Record<string, unknown>> = ReturnType<typeof useUploadJob<R>>;
