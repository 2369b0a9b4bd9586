/** Background jobs (imports, rolls, recomputation) as the UI follows them, and the keys that make a submission safe to repeat. */
import { useQuery } from '@tanstack/react-query';
import { api } from './api';

export interface Job<R = Record<string, unknown>> {
  id: number;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number;
  error: string | null;
  result: R | null;
}

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
