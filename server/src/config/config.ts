import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting comes from the environment, is validated once at start, and is documented in
 * the README's configuration table. A bad value stops the start with a message per variable.
 */
const port = z.coerce.number().int().min(0).max(65535);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HSS_API_PORT: port.default(4000),
  HSS_DATA_DIR: z.string().min(1).default('.hss'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  HSS_EMBEDDED_PG_PORT: port.default(54329),
  HSS_DB_POOL_MAX: z.coerce.number().int().min(2).max(200).default(10),
  HSS_ADMIN_EMAIL: z.email('must be an e-mail address').default('admin@hss.local'),
  HSS_ADMIN_PASSWORD: optionalString.pipe(z.string().min(12, 'must be at least 12 characters').optional()),
  HSS_SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  HSS_SCAN_TZ: z.string().default('UTC').refine(isTimeZone, 'must be an IANA time zone such as UTC or Asia/Shanghai'),
  HSS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  env: 'development' | 'production' | 'test';
  apiPort: number;
  dataDir: string;
  /** Unset: the embedded PostgreSQL in `dataDir` is used. */
  databaseUrl: string | undefined;
  embeddedPgPort: number;
  dbPoolMax: number;
  adminEmail: string;
  adminPassword: string | undefined;
  sessionTtlHours: number;
  scanTimeZone: string;
  logLevel: string;
  redisUrl: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const value = env[name];
        const shown = name.includes('PASSWORD') || name.includes('URL') ? '(hidden)' : JSON.stringify(value);
        return `${name}=${shown}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    apiPort: e.HSS_API_PORT,
    dataDir: path.resolve(e.HSS_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    embeddedPgPort: e.HSS_EMBEDDED_PG_PORT,
    dbPoolMax: e.HSS_DB_POOL_MAX,
    adminEmail: e.HSS_ADMIN_EMAIL.toLowerCase(),
    adminPassword: e.HSS_ADMIN_PASSWORD,
    sessionTtlHours: e.HSS_SESSION_TTL_HOURS,
    scanTimeZone: e.HSS_SCAN_TZ,
    logLevel: e.HSS_LOG_LEVEL,
    redisUrl: e.REDIS_URL,
  };
}
