import pg from 'pg';
import { now } from '../sim-agent.js';
import type { BenchPlane } from './control-plane.js';
import { percentile, progress, ratio, round } from './util.js';

export interface ServersPageResult {
  servers: number;
  servers_page_p50_ms: number | null;
  servers_page_p99_ms: number | null;
  servers_page_sql_p50_ms: number | null;
  servers_page_sql_p99_ms: number | null;
  servers_page_ratio_vs_sql: number | null;
  /** SQL statements one page ran, grouped as they ran: statements of a group overlap. */
  servers_page_sql_statements: number[];
  /** Each statement's median in the raw replay, to show where the page's time goes. */
  servers_page_sql_by_statement: { sql: string; p50_ms: number | null }[];
  servers_page_samples: number;
}

/** The console's server list: the first page with everything a row shows. */
const PAGE_QUERY = `query ServersPage {
  servers(first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id name hostname ips osType osName agentStatus agentOfflineReason agentStatusSince
        protectionStatus detectionResult riskScore
        region { id code name }
        agent { id version lastSeenAt }
        edition { code name }
        quota { id status billingMode expiresAt }
        openFindings { total critical high medium low }
      }
    }
  }
}`;

/**
 * Tops the account up to `total` servers with set-based SQL: named host-NNNNNN so that they
 * sort before the simulated agents' sim-NNNNN and fill the first page; most have an agent, half
 * an edition with a bound quota, one in five three open findings — so every nested lookup of the
 * page finds rows. Their agents are OFFLINE (not ONLINE): no socket stands behind them, and the
 * gateway's sweep would otherwise turn tens of thousands of them OFFLINE during the measurement.
 */
async function seedServers(client: pg.Client, plane: BenchPlane, total: number): Promise<number> {
  const { rows } = await client.query<{ n: number }>('select count(*)::int as n from server where account_id = $1', [
    plane.accountId,
  ]);
  const missing = Math.max(0, total - rows[0]!.n);
  if (!missing) return total;
  progress(`servers page: inserting ${missing} servers (to ${total}) with generate_series`);
  await client.query(
    `insert into server (id, account_id, region_id, name, hostname, ips, os_type, os_name, os_version, architecture, hosting,
        agent_status, agent_offline_reason, agent_status_since, protection_status, detection_result, edition_code, billing_mode, risk_score,
        search_text, created_at, updated_at)
     select gen_random_uuid(), $1, $2, n.name, n.hostname,
        array['10.' || (100 + g / 65536 % 100) || '.' || (g / 256 % 256) || '.' || (g % 256)],
        'LINUX', 'Debian GNU/Linux', '12', case when g % 11 = 0 then 'ARM64' else 'X86_64' end, 'CLOUD_VM',
        case when g % 10 < 9 then 'OFFLINE' else 'NOT_INSTALLED' end,
        case when g % 10 < 9 then (array['CONNECTION_CLOSED','HEARTBEAT_TIMEOUT'])[1 + g % 2] end,
        now() - (g % 1000) * interval '1 minute',
        case when g % 2 = 0 then 'ENABLED' else 'DISABLED' end,
        case when g % 5 = 0 then 'RISKY' when g % 2 = 0 then 'SAFE' else 'PENDING' end,
        case when g % 2 = 0 then (array['BASIC','PROFESSIONAL','ENTERPRISE','PREMIUM'])[1 + g / 2 % 4] end,
        case when g % 2 = 0 then 'YEARLY_MONTHLY' end,
        case when g % 5 = 0 then 40 + g % 60 else 0 end,
        lower(n.name || ' ' || n.hostname), now() - g * interval '1 second', now()
       from generate_series(1, $3::int) g,
            lateral (select 'host-' || lpad(g::text, 6, '0') as name, 'host-' || g || '.bench.example' as hostname) n`,
    [plane.accountId, plane.regionId, missing],
  );
  await client.query(
    `insert into agent (id, account_id, server_id, version, credential_hash, enrolled_at, last_seen_at)
     select gen_random_uuid(), s.account_id, s.id, '0.1.0', 'bench-' || s.id, now() - interval '30 days', now()
       from server s where s.account_id = $1 and s.name like 'host-%' and s.agent_status <> 'NOT_INSTALLED'`,
    [plane.accountId],
  );
  await client.query(
    `insert into quota (id, account_id, region_id, edition_code, billing_mode, status, server_id, expires_at, bound_at)
     select gen_random_uuid(), s.account_id, s.region_id, s.edition_code, 'YEARLY_MONTHLY', 'IN_USE', s.id,
            now() + interval '300 days', now() - interval '60 days'
       from server s where s.account_id = $1 and s.name like 'host-%' and s.edition_code is not null`,
    [plane.accountId],
  );
  await client.query(
    `insert into finding (id, account_id, server_id, type, severity, status, fingerprint, title)
     select gen_random_uuid(), s.account_id, s.id, 'UNSAFE_CONFIGURATION',
            (array['LOW','MEDIUM','HIGH','CRITICAL'])[1 + k], 'OPEN', 'cis-debian12:bench-' || k, 'CIS benchmark item ' || k
       from server s, generate_series(0, 2) k
      where s.account_id = $1 and s.name like 'host-%' and s.risk_score > 0`,
    [plane.accountId],
  );
  // A database at steady state has statistics; the planner needs them to pick the indexes.
  await client.query('analyze server; analyze agent; analyze quota; analyze finding; analyze region; analyze edition');
  return total;
}

interface Captured {
  text: string;
  values: unknown[];
  start: number;
  end: number;
}

/**
 * Records the SQL the ORM sends while `run` runs, by wrapping node-postgres's Client#query for
 * that moment only (the ORM and this module share the one `pg`).
 */
async function captureSql(run: () => Promise<void>): Promise<Captured[]> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const captured: Captured[] = [];
  proto.query = function (this: unknown, config: unknown, values: unknown, callback: unknown) {
    const c = config as { text?: unknown; values?: unknown[]; submit?: unknown };
    if (c && typeof c === 'object' && typeof c.text === 'string' && typeof c.submit !== 'function') {
      const entry: Captured = { text: c.text, values: c.values ?? [], start: now(), end: Number.POSITIVE_INFINITY };
      captured.push(entry);
      if (typeof values === 'function') {
        const cb = values as (...a: unknown[]) => void;
        values = (...a: unknown[]) => {
          entry.end = now();
          cb(...a);
        };
      }
    }
    return original.call(this, config, values, callback);
  };
  try {
    await run();
  } finally {
    proto.query = original;
  }
  return captured;
}

/** Statements that overlapped in time ran concurrently (DataLoader batches); replay them so. */
function waves(statements: Captured[]): Captured[][] {
  const out: Captured[][] = [];
  let current: Captured[] = [];
  let firstEnd = Number.POSITIVE_INFINITY;
  for (const q of [...statements].sort((a, b) => a.start - b.start)) {
    if (current.length && q.start >= firstEnd) {
      out.push(current);
      current = [];
      firstEnd = Number.POSITIVE_INFINITY;
    }
    current.push(q);
    firstEnd = Math.min(firstEnd, q.end);
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * `servers(first: 50)` with its nested fields at `total` servers, through GraphQL over HTTP,
 * against the very statements it ran, replayed through raw pg with the same pool size.
 */
export async function measureServersPage(plane: BenchPlane, total: number, samples: number): Promise<ServersPageResult> {
  const client = new pg.Client({ connectionString: plane.databaseUrl });
  await client.connect();
  await seedServers(client, plane, total).finally(() => client.end());

  const page = async () => {
    const res = await plane.gql<{ servers: { totalCount: number; edges: unknown[] } }>(PAGE_QUERY);
    if (!res.data?.servers || res.errors) throw new Error(`servers page failed: ${JSON.stringify(res.errors)}`);
    if (res.data.servers.edges.length !== 50) throw new Error(`servers page has ${res.data.servers.edges.length} rows, not 50`);
  };
  for (let i = 0; i < 20; i++) await page();
  const statements = await captureSql(page);
  // Connection set-up statements are not part of the page.
  const replay = waves(statements.filter((q) => !/^(select version\(\)|set )/i.test(q.text)));

  const pool = new pg.Pool({ connectionString: plane.databaseUrl, max: plane.dbPoolMax });
  const flat = replay.flat();
  const perStatement = flat.map(() => [] as number[]);
  const raw = async () => {
    for (const wave of replay) {
      await Promise.all(
        wave.map(async (q) => {
          const t = performance.now();
          await pool.query({ text: q.text, values: q.values });
          perStatement[flat.indexOf(q)]!.push(performance.now() - t);
        }),
      );
    }
  };
  for (let i = 0; i < 20; i++) await raw();
  for (const samples of perStatement) samples.length = 0;

  progress(`servers page: ${samples} pages through GraphQL and ${samples} replays of its ${statements.length} statements`);
  const graphql: number[] = [];
  const sql: number[] = [];
  try {
    // Interleaved, so that both see the same background (heartbeats, flushes).
    for (let i = 0; i < samples; i++) {
      let t = performance.now();
      await page();
      graphql.push(performance.now() - t);
      t = performance.now();
      await raw();
      sql.push(performance.now() - t);
    }
  } finally {
    await pool.end();
  }
  const p50 = percentile(graphql, 50);
  const sqlP50 = percentile(sql, 50);
  return {
    servers: total,
    servers_page_p50_ms: round(p50),
    servers_page_p99_ms: round(percentile(graphql, 99)),
    servers_page_sql_p50_ms: round(sqlP50),
    servers_page_sql_p99_ms: round(percentile(sql, 99)),
    servers_page_ratio_vs_sql: ratio(p50, sqlP50),
    servers_page_sql_statements: replay.map((w) => w.length),
    servers_page_sql_by_statement: flat.map((q, i) => ({
      sql: q.text.replace(/\s+/g, ' ').slice(0, 160),
      p50_ms: round(percentile(perStatement[i]!, 50)),
    })),
    servers_page_samples: samples,
  };
}
