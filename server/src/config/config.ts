import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting comes from the environment, is validated once at start, and is documented in
 * the README's configuration table. A bad value stops the start with a message per variable.
 */
const PORT_ERROR = 'must be a port number from 0 to 65535';
const port = z.coerce.number(PORT_ERROR).int(PORT_ERROR).min(0, PORT_ERROR).max(65535, PORT_ERROR);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HSS_API_PORT: port.default(4000),
  HSS_GATEWAY_PORT: port.default(10180),
  HSS_TLS_CERT: optionalString,
  HSS_TLS_KEY: optionalString,
  HSS_TLS_CA: optionalString,
  HSS_GATEWAY_TLS: z.enum(['on', 'off'], 'must be on or off').default('on'),
  HSS_GATEWAY_HOSTNAMES: z.string().default(''),
  HSS_PUBLIC_URL: optionalString.pipe(
    z
      .string()
      .regex(/^https?:\/\/[^/?#\s]+\/?$/, 'must be an http:// or https:// URL without a path, e.g. https://hss.example.com')
      .optional(),
  ),
  HSS_PUBLIC_GATEWAY_URL: optionalString.pipe(
    z
      .string()
      .regex(/^wss?:\/\/[^/?#\s]+\/?$/, 'must be a ws:// or wss:// URL without a path, e.g. wss://hss.example.com:10180')
      .optional(),
  ),
  HSS_HEARTBEAT_INTERVAL_S: z.coerce.number().int().min(1).max(3600).default(30),
  HSS_HEARTBEAT_TIMEOUT_S: z.coerce
    .number()
    .int()
    .min(2)
    .max(3 * 3600)
    .default(90),
  HSS_AGENT_AUTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  HSS_AGENT_MESSAGE_RATE: z.coerce.number().int().min(1).max(10_000).default(20),
  HSS_ALLOWED_ORIGINS: z.string().default('http://localhost:3000,http://127.0.0.1:3000'),
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
  HSS_COOKIE_SECURE: z.enum(['true', 'false'], 'must be true or false').default('false'),
  HSS_GRAPHQL_MAX_COST: z.coerce.number().int().min(100).max(10_000_000).default(10_000),
  HSS_SCAN_TZ: z.string().default('UTC').refine(isTimeZone, 'must be an IANA time zone such as UTC or Asia/Shanghai'),
  HSS_SCAN_TIMEOUT_MIN: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(120),
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
  gatewayPort: number;
  /** Browser origins allowed to open the GraphQL WebSocket (clients without an Origin always may). */
  allowedOrigins: string[];
  /**
   * TLS for the agent channel from files the operator gave (HSS_TLS_CERT/KEY, and HSS_TLS_CA
   * when a private CA signed them). npm start fills it with its own private CA unless
   * `gatewayTls` is 'off'.
   */
  tls: { certFile: string; keyFile: string; caFile?: string | undefined } | undefined;
  /** 'off': plain ws:// on the agent channel (local debugging only). */
  gatewayTls: 'on' | 'off';
  /** Names (DNS or IP) agents use to reach the gateway, besides localhost and this host's name. */
  gatewayHostnames: string[];
  /** The control plane's API as hosts reach it (install commands); unset: the request's host. */
  publicUrl: string | undefined;
  /** The agent gateway as hosts reach it; unset: the API's host name on the gateway port. */
  publicGatewayUrl: string | undefined;
  heartbeatIntervalSeconds: number;
  heartbeatTimeoutMs: number;
  agentAuthTimeoutMs: number;
  agentMessageRate: number;
  dataDir: string;
  /** Unset: the embedded PostgreSQL in `dataDir` is used. */
  databaseUrl: string | undefined;
  embeddedPgPort: number;
  dbPoolMax: number;
  adminEmail: string;
  adminPassword: string | undefined;
  sessionTtlHours: number;
  /** Mark the session cookie Secure even when the request reached the API over plain HTTP (a TLS proxy in front). */
  cookieSecure: boolean;
  /** The most a GraphQL operation may cost (graphql/limits.ts), checked before it runs. */
  graphqlMaxCost: number;
  scanTimeZone: string;
  scanTimeoutMs: number;
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
  const problems: string[] = [];
  if (Boolean(e.HSS_TLS_CERT) !== Boolean(e.HSS_TLS_KEY))
    problems.push('HSS_TLS_CERT and HSS_TLS_KEY: set both (PEM files) or neither.');
  if (e.HSS_TLS_CA && !e.HSS_TLS_CERT) problems.push('HSS_TLS_CA: only with HSS_TLS_CERT and HSS_TLS_KEY.');
  if (e.HSS_GATEWAY_TLS === 'off' && e.HSS_TLS_CERT)
    problems.push('HSS_GATEWAY_TLS=off contradicts HSS_TLS_CERT: unset one of them.');
  const gatewayHostnames = e.HSS_GATEWAY_HOSTNAMES.split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  for (const name of gatewayHostnames) {
    if (!/^[A-Za-z0-9.-]+$/.test(name) && !isIP(name))
      problems.push(`HSS_GATEWAY_HOSTNAMES: "${name}" is neither a DNS name nor an IP address.`);
  }
  if (e.HSS_HEARTBEAT_TIMEOUT_S <= e.HSS_HEARTBEAT_INTERVAL_S) {
    problems.push('HSS_HEARTBEAT_TIMEOUT_S: must be longer than HSS_HEARTBEAT_INTERVAL_S (e.g. three intervals).');
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    env: e.NODE_ENV,
    apiPort: e.HSS_API_PORT,
    gatewayPort: e.HSS_GATEWAY_PORT,
    allowedOrigins: e.HSS_ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    tls: e.HSS_TLS_CERT && e.HSS_TLS_KEY ? { certFile: e.HSS_TLS_CERT, keyFile: e.HSS_TLS_KEY, caFile: e.HSS_TLS_CA } : undefined,
    gatewayTls: e.HSS_GATEWAY_TLS,
    gatewayHostnames,
    publicUrl: e.HSS_PUBLIC_URL?.replace(/\/$/, ''),
    publicGatewayUrl: e.HSS_PUBLIC_GATEWAY_URL?.replace(/\/$/, ''),
    heartbeatIntervalSeconds: e.HSS_HEARTBEAT_INTERVAL_S,
    heartbeatTimeoutMs: e.HSS_HEARTBEAT_TIMEOUT_S * 1000,
    agentAuthTimeoutMs: e.HSS_AGENT_AUTH_TIMEOUT_MS,
    agentMessageRate: e.HSS_AGENT_MESSAGE_RATE,
    dataDir: path.resolve(e.HSS_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    embeddedPgPort: e.HSS_EMBEDDED_PG_PORT,
    dbPoolMax: e.HSS_DB_POOL_MAX,
    adminEmail: e.HSS_ADMIN_EMAIL.toLowerCase(),
    adminPassword: e.HSS_ADMIN_PASSWORD,
    sessionTtlHours: e.HSS_SESSION_TTL_HOURS,
    cookieSecure: e.HSS_COOKIE_SECURE === 'true',
    graphqlMaxCost: e.HSS_GRAPHQL_MAX_COST,
    scanTimeZone: e.HSS_SCAN_TZ,
    scanTimeoutMs: e.HSS_SCAN_TIMEOUT_MIN * 60_000,
    logLevel: e.HSS_LOG_LEVEL,
    redisUrl: e.REDIS_URL,
  };
}
