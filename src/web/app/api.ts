/**
 * The API client: JSON in and out, every failure an ApiError carrying the server's code and its
 * Chinese message (docs/api.md "Conventions", errors). A 401 UNAUTHENTICATED outside /api/auth/ means the session
 * ended: the app is told (an event) and goes to the login page; a 403 PASSWORD_CHANGE_REQUIRED sends
 * the user to the password change.
 */
export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { fields?: FieldError[]; reason?: string; [k: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A page of a list (docs/api.md "Conventions"): the contract in src/shared/paging.ts. */
export type { Page } from '../../shared/paging';

export const SESSION_ENDED_EVENT = 'jimin:unauthenticated';
export const PASSWORD_CHANGE_EVENT = 'jimin:password-change-required';

async function request<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const isForm = body instanceof FormData;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined || isForm ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const data = await readJson(res);
  if (!res.ok) throw toApiError(res.status, data, url);
  return data as T;
}

async function readJson(res: Response): Promise<Record<string, unknown> | null> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    // A gateway's HTML error page, not our API.
    return null;
  }
}

function toApiError(status: number, data: Record<string, unknown> | null, url: string): ApiError {
  const err = new ApiError(
    status,
    typeof data?.code === 'string' ? data.code : status >= 500 ? 'INTERNAL' : 'HTTP_' + status,
    typeof data?.message === 'string' ? data.message : `请求失败（${status}）`,
    (data?.details as ApiError['details']) ?? {},
  );
  if (status === 401 && err.code === 'UNAUTHENTICATED' && !url.startsWith('/api/auth/')) {
    window.dispatchEvent(new CustomEvent(SESSION_ENDED_EVENT));
  }
  if (status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED') window.dispatchEvent(new CustomEvent(PASSWORD_CHANGE_EVENT));
  return err;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', url, body ?? {}, headers),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
};

/** The message to show for any thrown value. */
export function errorMessage(e: unknown, fallback = '操作失败，请稍后重试'): string {
  return e instanceof ApiError ? e.message : fallback;
}

/** A query string from the filled values of an object. */
export function qs(params: object): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * Downloads a file from a GET url (exports, templates, error reports) through fetch → blob, so that
 * an error (403, 400 for a bad filter) is shown as a message instead of a browser error page.
 */
export async function download(url: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) throw toApiError(res.status, await readJson(res), url);
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = decodeURIComponent(disposition.match(/filename\*=UTF-8''([^;]+)/i)?.[1] ?? fallbackName);
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A timestamp (any offset) as the bureau reads it, in Asia/Shanghai: 2025-03-01 14:05:09. */
export function dateTime(v: string | null | undefined): string {
  if (!v) return '';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return v;
  const p = Object.fromEntries(shanghai.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}
