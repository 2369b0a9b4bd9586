/**
 * Configuration from environment variables with safe defaults, validated once at start: a bad
 * value stops the start with a message naming the variable. See docs/operator-guide.md.
 */
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const posInt = (def: number) => z.coerce.number().int().positive().default(def);

const schema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** PostgreSQL connection; absent → embedded PGlite in JIMIN_DATA_DIR. */
  DATABASE_URL: z.string().startsWith('postgres').optional(),
  /** The owner role's connection, for migrations only; the application then runs as DATABASE_URL's role. */
  JIMIN_MIGRATION_DATABASE_URL: z.string().startsWith('postgres').optional(),
  JIMIN_DATA_DIR: z.string().default('./data'),
  /** City whose division tree is loaded at first start (a data file in platform/divisions/data). */
  JIMIN_CITY: z
    .string()
    .regex(/^\d{4}$/)
    .default('3708'),
  /** Load demo households, persons and users at first start. */
  JIMIN_DEMO: bool.default(true),
  JIMIN_IDLE_MINUTES: posInt(30),
  JIMIN_SESSION_HOURS: posInt(12),
  /** How long a looked-up session is answered from memory (0: never). */
  JIMIN_SESSION_CACHE_MS: z.coerce.number().int().min(0).max(10_000).default(2000),
  JIMIN_PASSWORD_MAX_AGE_DAYS: posInt(90),
  JIMIN_LOCKOUT_MINUTES: posInt(15),
  JIMIN_MAX_FAILED_LOGINS: posInt(5),
  /** Login attempts per minute from one address before 429. */
  JIMIN_LOGIN_RATE_PER_MINUTE: posInt(30),
  /** 'outbox' keeps messages for an administrator to read (development, tests); 'http' posts them to an SMS gateway. */
  JIMIN_NOTIFIER: z.enum(['outbox', 'http']).default('outbox'),
  JIMIN_SMS_GATEWAY_URL: z.url().optional(),
  /** Behind a gateway that terminates TLS: trust its X-Forwarded-For and mark cookies Secure. */
  JIMIN_TRUST_PROXY: bool.default(false),
  /**
   * Origins besides the platform's own (the request's Host) whose pages may send writes (Z7), e.g. a
   * gateway's public address that the Host header does not show: comma-separated `https://host[:port]`.
   */
  JIMIN_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const origins: string[] = [];
      for (const entry of value
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean)) {
        const origin = parseOriginSetting(entry);
        if (!origin) {
          ctx.addIssue({ code: 'custom', message: `"${entry}" 不是有效的来源，应为 http(s)://主机[:端口]，不带路径` });
          return z.NEVER;
        }
        origins.push(origin);
      }
      return origins;
    }),
  /**
   * The address residents reach the platform at, as printed in the QR of a verifiable document
   * (docs/verifiable-documents.md): `http(s)://host[:port][/path]`; absent → http://127.0.0.1:<PORT>.
   */
  JIMIN_PUBLIC_BASE_URL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      const base = parseBaseUrlSetting(value.trim());
      if (!base) {
        ctx.addIssue({ code: 'custom', message: `"${value}" 不是有效的公开访问地址，应为 http(s)://主机[:端口][/路径]，不带查询参数` });
        return z.NEVER;
      }
      return base;
    }),
  JIMIN_UPLOAD_LIMIT_MB: posInt(20),
  /** Searches and record openings are audited in batches this often (0: each at once). */
  JIMIN_READ_AUDIT_FLUSH_MS: z.coerce.number().int().min(0).max(5000).default(100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
});

export type Config = z.infer<typeof schema>;

/** `https://Gateway.example:443/` → `https://gateway.example`; a path, query, user or other scheme → null. */
function parseOriginSetting(entry: string): string | null {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== '/') return null;
  return url.origin;
}

/** `https://Mzj.example.cn/jimin/` → `https://mzj.example.cn/jimin`; a query, hash, user or other scheme → null. */
function parseBaseUrlSetting(entry: string): string | null {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Where the platform's public pages are reached (JIMIN_PUBLIC_BASE_URL), without a trailing slash. */
export const publicBaseUrl = (config: Config): string =>
  (config.JIMIN_PUBLIC_BASE_URL ?? `http://127.0.0.1:${config.PORT}`).replace(/\/+$/, '');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 (invalid configuration):\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.JIMIN_MIGRATION_DATABASE_URL && !config.DATABASE_URL) {
    throw new Error('配置错误: JIMIN_MIGRATION_DATABASE_URL 需要同时设置 DATABASE_URL（应用连接）');
  }
  if (config.JIMIN_NOTIFIER === 'http' && !config.JIMIN_SMS_GATEWAY_URL) {
    throw new Error('配置错误: JIMIN_NOTIFIER=http 需要同时设置 JIMIN_SMS_GATEWAY_URL');
  }
  return config;
}

/** Defaults for tests: in-memory database, no demo data, quiet logs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ JIMIN_DEMO: 'false', LOG_LEVEL: 'silent', JIMIN_READ_AUDIT_FLUSH_MS: '0' }), ...overrides };
}
