import { randomUUID } from 'node:crypto';
import { refreshRiskScores } from '@hss/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../helpers/expect.js';
import { startTestServer, type Tenant } from '../helpers/server.js';

const hss = await startTestServer();

type Result = { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';
type FindingStatus = 'OPEN' | 'FIXED' | 'HANDLED' | 'IGNORED';

const WEIGHT: Record<Severity, number> = { CRITICAL: 1000, HIGH: 100, MEDIUM: 10, LOW: 1 };

/** Registers servers with exactly these names, hostnames and IPs; returns their ids in input order. */
async function register(t: Tenant, servers: { name: string; hostname: string; ips?: string[] }[], regionId?: string) {
  const res = await t.gql('mutation($input: RegisterServersInput!) { registerServers(input: $input) { servers { id name } } }', {
    input: { regionId: regionId ?? t.regionId, servers: servers.map((s) => ({ ips: [], ...s })) },
  });
  const out = expectOk(res).registerServers.servers as { id: string; name: string }[];
  expect(out.map((s) => s.name)).toEqual(servers.map((s) => s.name));
  return out.map((s) => s.id);
}

let fingerprintSeq = 0;

/** Inserts finding rows in one statement. */
async function insertFindings(t: Tenant, rows: { serverId: string; severity: Severity; status?: FindingStatus }[]) {
  if (!rows.length) return;
  const json = rows.map((r) => ({
    id: randomUUID(),
    server_id: r.serverId,
    severity: r.severity,
    status: r.status ?? 'OPEN',
    fingerprint: `fp-${++fingerprintSeq}`,
  }));
  await hss.sql(
    `insert into finding (id, account_id, server_id, type, severity, status, fingerprint, title)
     select v.id, ?, v.server_id, 'VULNERABILITY', v.severity, v.status, v.fingerprint, 'Test finding ' || v.fingerprint
     from jsonb_to_recordset(?::jsonb) as v(id uuid, server_id uuid, severity text, status text, fingerprint text)`,
    [t.accountId, JSON.stringify(json)],
  );
}

/** Inserts an agent row for each server, as enrollment would. */
async function insertAgents(t: Tenant, servers: { serverId: string; version: string }[]) {
  const json = servers.map((s) => ({ id: randomUUID(), server_id: s.serverId, version: s.version, hash: randomUUID() }));
  await hss.sql(
    `insert into agent (id, account_id, server_id, version, credential_hash)
     select v.id, ?, v.server_id, v.version, 'sha256:' || v.hash
     from jsonb_to_recordset(?::jsonb) as v(id uuid, server_id uuid, version text, hash text)`,
    [t.accountId, JSON.stringify(json)],
  );
}

const ENABLE = `mutation($input: EnableProtectionInput!) {
  enableProtection(input: $input) { server { id protectionStatus edition { code } } }
}`;

async function enable(t: Tenant, serverId: string, edition: string, billingMode: 'YEARLY_MONTHLY' | 'ON_DEMAND') {
  const res = await t.gql(ENABLE, { input: { serverId, edition, billingMode, acceptDisclaimer: true } });
  expect(expectOk(res).enableProtection.server).toMatchObject({ protectionStatus: 'ENABLED', edition: { code: edition } });
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------------------------
// 1 and 2: keyset pagination over 1,000 servers
// ---------------------------------------------------------------------------------------------

type Field = 'NAME' | 'CREATED_AT' | 'RISK';
type Direction = 'ASC' | 'DESC';

interface Row {
  id: string;
  name: string;
  createdAt: number;
  riskScore: number;
}

const LIST = `query($first: Int!, $after: String, $orderBy: ServerOrder, $filter: ServerFilter) {
  servers(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id name createdAt riskScore } }
  }
}`;

/** The sort key of a row as the API orders it. */
function keyOf(row: Row, field: Field): string | number {
  if (field === 'NAME') return row.name;
  if (field === 'CREATED_AT') return row.createdAt;
  return row.riskScore;
}

/** Compares (key, id) ascending; names and ids here are plain lower-case ASCII, so code-unit order is collation order. */
function compareRows(a: Row, b: Row, field: Field): number {
  const ka = keyOf(a, field);
  const kb = keyOf(b, field);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Follows endCursor until hasNextPage is false, checking every page's pageInfo and totalCount on the way. */
async function walk(t: Tenant, orderBy: { field: Field; direction: Direction } | null, first: number, expectedTotal: number) {
  const rows: Row[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const res: Result = await t.gql(LIST, { first, after, orderBy, filter: null });
    const conn: any = expectOk(res).servers;
    pages++;
    expect(conn.totalCount).toBe(expectedTotal);
    expect(conn.pageInfo.hasPreviousPage).toBe(after !== null);
    const edges = conn.edges as { cursor: string; node: { id: string; name: string; createdAt: string; riskScore: number } }[];
    expect(edges.length).toBeLessThanOrEqual(first);
    if (conn.pageInfo.hasNextPage) expect(edges.length).toBe(first);
    expect(conn.pageInfo.startCursor).toBe(edges[0]?.cursor ?? null);
    expect(conn.pageInfo.endCursor).toBe(edges.at(-1)?.cursor ?? null);
    for (const { node } of edges) {
      rows.push({ id: node.id, name: node.name, createdAt: Date.parse(node.createdAt), riskScore: node.riskScore });
    }
    if (!conn.pageInfo.hasNextPage) break;
    // A list of `expectedTotal` items can never need more pages than this.
    expect(pages).toBeLessThan(Math.ceil(expectedTotal / first) + 1);
    after = conn.pageInfo.endCursor;
  }
  return { rows, pages };
}

describe('servers: keyset pagination over 1,000 servers', () => {
  const COUNT = 1000;
  const PAGE = 100;
  let t: Tenant;
  /** What the test itself put in the database, by server id. */
  const expected = new Map<string, Row>();

  beforeAll(async () => {
    t = await hss.createTenant('paging');
    // 250 names, each shared by 4 servers, so that the id tie-break decides within a name.
    const specs = Array.from({ length: COUNT }, (_, i) => ({
      name: `node-${pad(i % 250, 3)}`,
      hostname: `host-${i}.paging.test`,
      ips: [`10.1.${i >> 8}.${i & 255}`],
    }));
    const ids = await register(t, specs);

    // 100 distinct creation instants, each shared by 10 servers, in an order unrelated to insertion.
    // Whole milliseconds, as the ORM writes them (cursors carry JavaScript dates).
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    const createdAt = ids.map((_, i) => base + ((i * 37) % 100) * 1000 + 7);
    await hss.sql(
      `update server s set created_at = v.created_at
       from jsonb_to_recordset(?::jsonb) as v(id uuid, created_at timestamptz) where s.id = v.id`,
      [JSON.stringify(ids.map((id, i) => ({ id, created_at: new Date(createdAt[i]!).toISOString() })))],
    );

    // Eight kinds of findings give seven distinct risk scores (kinds 2 and 7 tie), ~125 servers each.
    const kinds: { severity: Severity; status?: FindingStatus }[][] = [
      [],
      [{ severity: 'LOW' }],
      [{ severity: 'MEDIUM' }],
      [{ severity: 'HIGH' }],
      [{ severity: 'CRITICAL' }],
      [{ severity: 'CRITICAL' }, { severity: 'LOW' }, { severity: 'LOW' }],
      [{ severity: 'HIGH' }, { severity: 'MEDIUM' }],
      [{ severity: 'CRITICAL', status: 'FIXED' }, { severity: 'HIGH', status: 'IGNORED' }, { severity: 'MEDIUM' }],
    ];
    const findings: { serverId: string; severity: Severity; status?: FindingStatus }[] = [];
    const risk = ids.map((id, i) => {
      const kind = kinds[(i * 13) % kinds.length]!;
      for (const f of kind) findings.push({ serverId: id, ...f });
      return kind.filter((f) => (f.status ?? 'OPEN') === 'OPEN').reduce((sum, f) => sum + WEIGHT[f.severity], 0);
    });
    await insertFindings(t, findings);
    await refreshRiskScores(hss.app.orm.em.fork(), t.accountId, ids);

    ids.forEach((id, i) => {
      expected.set(id, { id, name: specs[i]!.name, createdAt: createdAt[i]!, riskScore: risk[i]! });
    });
    expect(new Set(risk).size).toBe(7);
  });

  const orderings: [Field, Direction][] = [
    ['NAME', 'ASC'],
    ['NAME', 'DESC'],
    ['CREATED_AT', 'ASC'],
    ['CREATED_AT', 'DESC'],
    ['RISK', 'DESC'],
    ['RISK', 'ASC'],
  ];

  it.each(orderings)(
    'ordered by %s %s, pages of 100 return every server exactly once, sorted by (key, id)',
    async (field, direction) => {
      const { rows, pages } = await walk(t, { field, direction }, PAGE, COUNT);
      expect(pages).toBe(COUNT / PAGE);
      expect(rows).toHaveLength(COUNT);

      // Every id once, and exactly the servers of this tenant.
      const ids = rows.map((r) => r.id);
      expect(new Set(ids).size).toBe(COUNT);
      expect([...ids].sort()).toEqual([...expected.keys()].sort());

      // The values the API reports are the ones the test stored.
      for (const row of rows) expect(row).toEqual(expected.get(row.id));

      // Strictly monotonic in (key, id) in the requested direction.
      const sign = direction === 'ASC' ? 1 : -1;
      for (let i = 1; i < rows.length; i++) {
        const cmp = compareRows(rows[i - 1]!, rows[i]!, field) * sign;
        if (cmp >= 0) {
          throw new Error(`out of order at ${i}: ${JSON.stringify(rows[i - 1])} then ${JSON.stringify(rows[i])}`);
        }
      }

      // And the same sequence as sorting what the test stored.
      const want = [...expected.values()].sort((a, b) => compareRows(a, b, field) * sign).map((r) => r.id);
      expect(ids).toEqual(want);
    },
  );

  it('ties on the sort key are common across page boundaries, so the id tie-break is exercised', async () => {
    // Guard for the test data itself: ten servers per creation instant, four per name, ~125 per risk score.
    const per = (field: Field) => {
      const counts = new Map<string | number, number>();
      for (const row of expected.values()) counts.set(keyOf(row, field), (counts.get(keyOf(row, field)) ?? 0) + 1);
      return Math.min(...counts.values());
    };
    expect(per('NAME')).toBe(4);
    expect(per('CREATED_AT')).toBe(10);
    expect(per('RISK')).toBeGreaterThan(PAGE);
  });

  it('the default order is NAME ascending', async () => {
    const { rows } = await walk(t, null, PAGE, COUNT);
    const want = [...expected.values()].sort((a, b) => compareRows(a, b, 'NAME')).map((r) => r.id);
    expect(rows.map((r) => r.id)).toEqual(want);
  });

  it('an odd page size walks the same sequence', async () => {
    const { rows: byHundred } = await walk(t, { field: 'RISK', direction: 'DESC' }, PAGE, COUNT);
    const { rows: by37, pages } = await walk(t, { field: 'RISK', direction: 'DESC' }, 37, COUNT);
    expect(pages).toBe(Math.ceil(COUNT / 37));
    expect(by37.map((r) => r.id)).toEqual(byHundred.map((r) => r.id));
  });

  it('a cursor from one ordering is refused by another: BAD_USER_INPUT', async () => {
    const cursors: Record<Field, string> = {} as never;
    for (const field of ['NAME', 'CREATED_AT', 'RISK'] as Field[]) {
      const res = await t.gql(LIST, { first: 3, orderBy: { field, direction: 'ASC' } });
      cursors[field] = expectOk(res).servers.pageInfo.endCursor;
    }
    for (const from of ['NAME', 'CREATED_AT', 'RISK'] as Field[]) {
      for (const to of ['NAME', 'CREATED_AT', 'RISK'] as Field[]) {
        if (from === to) continue;
        const res = await t.gql(LIST, { first: 3, after: cursors[from], orderBy: { field: to, direction: 'DESC' } });
        const err = expectError(res, 'BAD_USER_INPUT');
        expect(err.message).toContain(to);
      }
    }
  });

  it('a garbage or tampered cursor is refused: BAD_USER_INPUT, never an internal error', async () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const id = randomUUID();
    const garbage: [string, Field][] = [
      ['garbage', 'NAME'],
      ['!!!', 'NAME'],
      [b64({ sort: 'NAME' }), 'NAME'],
      [b64(['NAME', 'node-001']), 'NAME'],
      [b64(['NAME', 42, id]), 'NAME'],
      [b64(['NAME', 'node-001', 'not-a-uuid']), 'NAME'],
      [b64(['NAME', 'node-001', '-'.repeat(36)]), 'NAME'],
      [b64(['NAME', "node'; drop table server; --", 'ffffffff-ffff-ffff-ffff-ffffffffffff-']), 'NAME'],
      [b64(['RISK', '10', id]), 'RISK'],
      [b64(['RISK', 1.5, id]), 'RISK'],
      [b64(['RISK', 2 ** 40, id]), 'RISK'],
      [b64(['RISK', 2 ** 31, id]), 'RISK'],
      [b64(['CREATED_AT', 'yesterday', id]), 'CREATED_AT'],
      [b64(['CREATED_AT', '1', id]), 'CREATED_AT'],
      [b64(['CREATED_AT', 'March 7, 2026', id]), 'CREATED_AT'],
      [b64(['CREATED_AT', 1767225600000, id]), 'CREATED_AT'],
    ];
    const outcomes: string[] = [];
    for (const [after, field] of garbage) {
      const res = await t.gql(LIST, { first: 5, after, orderBy: { field, direction: 'ASC' } });
      const decoded = Buffer.from(after, 'base64url').toString('utf8');
      outcomes.push(`${field} ${decoded}: ${res.data ? 'data' : res.errors?.[0]?.extensions?.code}`);
    }
    expect(outcomes).toEqual(
      garbage.map(([after, field]) => `${field} ${Buffer.from(after, 'base64url').toString('utf8')}: BAD_USER_INPUT`),
    );
  });

  it('a page size outside 1–100 is refused: BAD_USER_INPUT', async () => {
    for (const first of [0, -1, 101, 1000]) {
      const err = expectError(await t.gql(LIST, { first }), 'BAD_USER_INPUT');
      expect(err.message).toMatch(/first/);
    }
    // The bounds themselves are fine.
    expect(expectOk(await t.gql(LIST, { first: 1 })).servers.edges).toHaveLength(1);
    expect(expectOk(await t.gql(LIST, { first: 100 })).servers.edges).toHaveLength(100);
  });
});

// ---------------------------------------------------------------------------------------------
// 3: filters
// ---------------------------------------------------------------------------------------------

describe('servers: filters', () => {
  let t: Tenant;
  const id: Record<string, string> = {};
  const ALL = ['a', 'b', 'c', 'd', 'e', 'f', 'eu0', 'eu1', 'eu2'];

  beforeAll(async () => {
    t = await hss.createTenant('filters', ['eu-1']);
    // Another tenant's servers must never show up, whatever the filter.
    const other = await hss.createTenant('filters-other');
    await register(other, [{ name: 'Web-Frontend-other', hostname: 'web01.prod.example.com', ips: ['10.0.0.11'] }]);

    const home = await register(t, [
      { name: 'Web-Frontend-01', hostname: 'web01.prod.example.com', ips: ['10.0.0.11'] },
      { name: 'db_primary', hostname: 'db1.prod.example.com', ips: ['10.0.0.21', '192.168.7.21'] },
      { name: '100% uptime', hostname: 'uptime.example.com', ips: ['172.16.0.5'] },
      { name: 'dbxprimary', hostname: 'dbx.example.com', ips: ['10.0.0.31'] },
      { name: '100 percent', hostname: 'percent.example.com', ips: [] },
      { name: 'Mail', hostname: 'MAIL.Example.COM', ips: ['2001:db8::25'] },
    ]);
    const eu = await register(
      t,
      [
        { name: 'eu-zero', hostname: 'eu0.example.org' },
        { name: 'eu-one', hostname: 'eu1.example.org' },
        { name: 'eu-two', hostname: 'eu2.example.org' },
      ],
      t.regions['eu-1'],
    );
    ['a', 'b', 'c', 'd', 'e', 'f'].forEach((k, i) => {
      id[k] = home[i]!;
    });
    ['eu0', 'eu1', 'eu2'].forEach((k, i) => {
      id[k] = eu[i]!;
    });

    // Agent status: a b c eu0 online, d eu1 offline, e f eu2 not installed.
    await hss.setAgentOnline([id.a!, id.b!, id.c!, id.eu0!]);
    await hss.sql(`update server set agent_status = 'OFFLINE', agent_offline_reason = 'HEARTBEAT_TIMEOUT' where id in (?)`, [
      [id.d, id.eu1],
    ]);

    // Protection: a ENTERPRISE and b PREMIUM with quotas, c BASIC trial, eu0 ENTERPRISE on demand; c then interrupted.
    await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
    await hss.purchaseQuotas(t, { edition: 'PREMIUM', count: 1 });
    await enable(t, id.a!, 'ENTERPRISE', 'YEARLY_MONTHLY');
    await enable(t, id.b!, 'PREMIUM', 'YEARLY_MONTHLY');
    await enable(t, id.c!, 'BASIC', 'ON_DEMAND');
    await enable(t, id.eu0!, 'ENTERPRISE', 'ON_DEMAND');
    await hss.sql(
      `update server set protection_status = 'INTERRUPTED', protection_interrupted_cause = 'agent uninstalled' where id = ?`,
      [id.c],
    );

    // Detection: a d risky, b safe, the rest pending.
    await hss.sql(`update server set detection_result = 'RISKY' where id in (?)`, [[id.a, id.d]]);
    await hss.sql(`update server set detection_result = 'SAFE' where id = ?`, [id.b]);
  });

  const FILTERED = `query($filter: ServerFilter, $first: Int!, $after: String) {
    servers(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } }
    }
  }`;

  /** The keys (a, b, …) of the servers the filter returns, checking totalCount against them. */
  async function matching(filter: Record<string, unknown>): Promise<string[]> {
    const conn = expectOk(await t.gql(FILTERED, { filter, first: 100 })).servers;
    const byId = new Map(Object.entries(id).map(([k, v]) => [v, k]));
    const keys = (conn.edges as { node: { id: string } }[]).map((e) => byId.get(e.node.id) ?? `foreign:${e.node.id}`);
    expect(conn.totalCount, JSON.stringify(filter)).toBe(keys.length);
    expect(conn.pageInfo.hasNextPage).toBe(false);
    return keys.sort();
  }

  it('without a filter lists only the caller’s servers', async () => {
    expect(await matching({})).toEqual([...ALL].sort());
  });

  it('regionId narrows to one region; a region of another account matches nothing', async () => {
    expect(await matching({ regionId: t.regions['eu-1'] })).toEqual(['eu0', 'eu1', 'eu2']);
    expect(await matching({ regionId: t.regionId })).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    const stranger = await hss.createTenant('filters-stranger');
    expect(await matching({ regionId: stranger.regionId })).toEqual([]);
  });

  it('agentStatus matches any of its values', async () => {
    expect(await matching({ agentStatus: ['ONLINE'] })).toEqual(['a', 'b', 'c', 'eu0']);
    expect(await matching({ agentStatus: ['OFFLINE'] })).toEqual(['d', 'eu1']);
    expect(await matching({ agentStatus: ['NOT_INSTALLED'] })).toEqual(['e', 'eu2', 'f']);
    expect(await matching({ agentStatus: ['OFFLINE', 'NOT_INSTALLED'] })).toEqual(['d', 'e', 'eu1', 'eu2', 'f']);
  });

  it('protectionStatus matches any of its values', async () => {
    expect(await matching({ protectionStatus: ['ENABLED'] })).toEqual(['a', 'b', 'eu0']);
    expect(await matching({ protectionStatus: ['INTERRUPTED'] })).toEqual(['c']);
    expect(await matching({ protectionStatus: ['DISABLED'] })).toEqual(['d', 'e', 'eu1', 'eu2', 'f']);
    expect(await matching({ protectionStatus: ['ENABLED', 'INTERRUPTED'] })).toEqual(['a', 'b', 'c', 'eu0']);
  });

  it('detectionResult matches any of its values', async () => {
    expect(await matching({ detectionResult: ['RISKY'] })).toEqual(['a', 'd']);
    expect(await matching({ detectionResult: ['SAFE'] })).toEqual(['b']);
    expect(await matching({ detectionResult: ['PENDING'] })).toEqual(['c', 'e', 'eu0', 'eu1', 'eu2', 'f']);
    expect(await matching({ detectionResult: ['RISKY', 'SAFE'] })).toEqual(['a', 'b', 'd']);
  });

  it('edition matches the edition protecting the server', async () => {
    expect(await matching({ edition: ['ENTERPRISE'] })).toEqual(['a', 'eu0']);
    expect(await matching({ edition: ['PREMIUM', 'BASIC'] })).toEqual(['b', 'c']);
    expect(await matching({ edition: ['WTP'] })).toEqual([]);
  });

  it('filters on different fields combine with AND', async () => {
    expect(await matching({ regionId: t.regions['eu-1'], agentStatus: ['ONLINE'] })).toEqual(['eu0']);
    expect(await matching({ agentStatus: ['ONLINE'], detectionResult: ['PENDING'] })).toEqual(['c', 'eu0']);
    expect(await matching({ edition: ['ENTERPRISE'], regionId: t.regionId, protectionStatus: ['ENABLED'] })).toEqual(['a']);
    expect(await matching({ edition: ['ENTERPRISE'], detectionResult: ['SAFE'] })).toEqual([]);
  });

  it('search is a case-insensitive substring of name, hostname or an IP', async () => {
    expect(await matching({ search: 'web-FRONTEND' })).toEqual(['a']);
    expect(await matching({ search: 'PROD.Example' })).toEqual(['a', 'b']);
    expect(await matching({ search: 'mail.example.com' })).toEqual(['f']);
    expect(await matching({ search: '192.168.7' })).toEqual(['b']);
    expect(await matching({ search: '2001:DB8' })).toEqual(['f']);
    expect(await matching({ search: 'example.org' })).toEqual(['eu0', 'eu1', 'eu2']);
    expect(await matching({ search: '  Mail  ' })).toEqual(['f']);
    expect(await matching({ search: 'no such server' })).toEqual([]);
  });

  it("search treats '%', '_' and '\\' literally", async () => {
    expect(await matching({ search: '%' })).toEqual(['c']);
    expect(await matching({ search: '100%' })).toEqual(['c']);
    expect(await matching({ search: '100' })).toEqual(['c', 'e']);
    expect(await matching({ search: '_' })).toEqual(['b']);
    expect(await matching({ search: 'db_p' })).toEqual(['b']);
    expect(await matching({ search: '\\' })).toEqual([]);
    expect(await matching({ search: '%_%' })).toEqual([]);
  });

  it('search combines with the other filters', async () => {
    expect(await matching({ search: 'prod', detectionResult: ['SAFE'] })).toEqual(['b']);
    expect(await matching({ search: 'example', regionId: t.regions['eu-1'], agentStatus: ['OFFLINE'] })).toEqual(['eu1']);
  });

  it('totalCount is the filtered count on every page of a filtered walk', async () => {
    const filter = { agentStatus: ['OFFLINE', 'NOT_INSTALLED'] };
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const conn: any = expectOk(await t.gql(FILTERED, { filter, first: 2, after })).servers;
      expect(conn.totalCount).toBe(5);
      seen.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual([id.d, id.e, id.f, id.eu1, id.eu2].sort());
  });

  it('a malformed filter is refused: BAD_USER_INPUT, never an internal error', async () => {
    const filters = [
      { regionId: 'not-a-uuid' },
      { search: 'x'.repeat(201) },
      { search: 'nul\u0000byte' },
      { agentStatus: Array(11).fill('ONLINE') },
    ];
    const outcomes: string[] = [];
    for (const filter of filters) {
      const res = await t.gql(FILTERED, { filter, first: 5 });
      outcomes.push(`${JSON.stringify(filter).slice(0, 40)}: ${res.data ? 'data' : res.errors?.[0]?.extensions?.code}`);
    }
    expect(outcomes).toEqual(filters.map((f) => `${JSON.stringify(f).slice(0, 40)}: BAD_USER_INPUT`));
  });
});

// ---------------------------------------------------------------------------------------------
// 4 and 5: nested fields, batched
// ---------------------------------------------------------------------------------------------

describe('servers: nested fields', () => {
  const COUNT = 60;
  let t: Tenant;
  /** By index i: the server's id and what the test gave it. */
  const servers: {
    id: string;
    name: string;
    region: string;
    agentVersion: string;
    edition: string | null;
    hasQuota: boolean;
    open: { critical: number; high: number; medium: number; low: number; total: number };
  }[] = [];

  beforeAll(async () => {
    t = await hss.createTenant('nested', ['eu-1']);
    // Even servers in the default region, odd ones in eu-1; names interleave them.
    const specs = Array.from({ length: COUNT }, (_, i) => ({ name: `ld-${pad(i, 2)}`, hostname: `ld-${i}.nested.test` }));
    const even = await register(
      t,
      specs.filter((_, i) => i % 2 === 0),
      t.regionId,
    );
    const odd = await register(
      t,
      specs.filter((_, i) => i % 2 === 1),
      t.regions['eu-1'],
    );
    const ids = specs.map((_, i) => (i % 2 === 0 ? even[i / 2]! : odd[(i - 1) / 2]!));

    // Every server has an agent and is online.
    await insertAgents(
      t,
      ids.map((serverId, i) => ({ serverId, version: `1.2.${i}` })),
    );
    await hss.setAgentOnline(ids);

    // i % 6 == 0 (default region): ENTERPRISE with a quota; i % 6 == 3 (eu-1): PREMIUM with a quota;
    // i % 3 == 1: ENTERPRISE on demand (no quota); i % 3 == 2: unprotected.
    await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 10 });
    await hss.purchaseQuotas(t, { edition: 'PREMIUM', count: 10, regionId: t.regions['eu-1'] });
    const editionOf = (i: number) => (i % 6 === 0 ? 'ENTERPRISE' : i % 6 === 3 ? 'PREMIUM' : i % 3 === 1 ? 'ENTERPRISE' : null);
    for (let i = 0; i < COUNT; i++) {
      const edition = editionOf(i);
      if (edition) await enable(t, ids[i]!, edition, i % 3 === 0 ? 'YEARLY_MONTHLY' : 'ON_DEMAND');
    }

    // Even servers have open findings of every severity, plus closed ones that must not count.
    const findings: { serverId: string; severity: Severity; status?: FindingStatus }[] = [];
    for (let i = 0; i < COUNT; i++) {
      const open = { critical: 0, high: 0, medium: 0, low: 0, total: 0 };
      if (i % 2 === 0) {
        open.critical = i % 4 === 0 ? 1 : 0;
        open.high = 2;
        open.medium = i % 5;
        open.low = 3;
        open.total = open.critical + open.high + open.medium + open.low;
        const add = (severity: Severity, n: number) => {
          for (let k = 0; k < n; k++) findings.push({ serverId: ids[i]!, severity });
        };
        add('CRITICAL', open.critical);
        add('HIGH', open.high);
        add('MEDIUM', open.medium);
        add('LOW', open.low);
      }
      // Closed findings everywhere but on every fifth server.
      if (i % 5 !== 0) {
        findings.push({ serverId: ids[i]!, severity: 'CRITICAL', status: 'FIXED' });
        findings.push({ serverId: ids[i]!, severity: 'HIGH', status: 'HANDLED' });
        findings.push({ serverId: ids[i]!, severity: 'LOW', status: 'IGNORED' });
      }
      servers.push({
        id: ids[i]!,
        name: specs[i]!.name,
        region: i % 2 === 0 ? 'default' : 'eu-1',
        agentVersion: `1.2.${i}`,
        edition: editionOf(i),
        hasQuota: i % 3 === 0,
        open,
      });
    }
    await insertFindings(t, findings);
    await refreshRiskScores(hss.app.orm.em.fork(), t.accountId, ids);
  });

  const NESTED = `
    id name riskScore
    region { id code name }
    agent { id version enrolledAt }
    edition { code name rank }
    quota { id status expiresAt edition { code } region { code } }
    openFindings { critical high medium low total }`;

  const PAGE_QUERY = `query($first: Int!) { servers(first: $first) { totalCount edges { cursor node { ${NESTED} } } } }`;

  function checkNode(node: any, want: (typeof servers)[number]) {
    expect(node.id).toBe(want.id);
    expect(node.name).toBe(want.name);
    expect(node.region).toMatchObject({ id: want.region === 'default' ? t.regionId : t.regions['eu-1'], code: want.region });
    expect(node.agent).toMatchObject({ version: want.agentVersion });
    expect(node.agent.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(node.edition?.code ?? null).toBe(want.edition);
    if (want.hasQuota) {
      expect(node.quota).toMatchObject({ status: 'IN_USE', edition: { code: want.edition }, region: { code: want.region } });
    } else {
      expect(node.quota).toBeNull();
    }
    expect(node.openFindings).toEqual(want.open);
    const o = want.open;
    expect(node.riskScore).toBe(o.critical * 1000 + o.high * 100 + o.medium * 10 + o.low);
  }

  async function measure(first: number): Promise<{ data: any; statements: string[] }> {
    hss.resetQueries();
    const res = await t.gql(PAGE_QUERY, { first });
    const statements = [...hss.queries];
    return { data: expectOk(res), statements };
  }

  it('a page of 5 and a page of 50 with every nested field cost the same small number of SQL statements', async () => {
    const five = await measure(5);
    const fifty = await measure(50);

    // The pages really have all the nested things, so every loader has work to do.
    expect(five.data.servers.edges).toHaveLength(5);
    expect(fifty.data.servers.edges).toHaveLength(50);
    for (const page of [five, fifty]) {
      page.data.servers.edges.forEach((e: any, i: number) => {
        checkNode(e.node, servers[i]!);
      });
    }

    console.log(
      `servers(first: 5): ${five.statements.length} SQL statements; servers(first: 50): ${fifty.statements.length}\n` +
        fifty.statements.map((s) => `  ${s.slice(0, 400)}`).join('\n'),
    );
    expect(fifty.statements.length, fifty.statements.join('\n')).toBe(five.statements.length);
    // Authentication, the page, its count, and one batch per nested field: region, agent, edition, quota, findings.
    expect(fifty.statements.length, fifty.statements.join('\n')).toBeLessThanOrEqual(10);
  });

  it('server(id) returns every nested field, and openFindings counts only OPEN findings by severity', async () => {
    const q = `query($id: ID!) { server(id: $id) { ${NESTED} } }`;
    for (const i of [0, 1, 2, 3, 5, 10, 59]) {
      const want = servers[i]!;
      const data = expectOk(await t.gql(q, { id: want.id }));
      checkNode(data.server, want);
    }
    // Server 0: ENTERPRISE with a quota, in the default region, with open and closed findings.
    const zero = expectOk(await t.gql(q, { id: servers[0]!.id })).server;
    expect(zero.openFindings).toEqual({ critical: 1, high: 2, medium: 0, low: 3, total: 6 });
    expect(zero.riskScore).toBe(1203);
    expect(zero.quota.status).toBe('IN_USE');
    // Server 3: PREMIUM with an eu-1 quota; no open findings, only closed ones.
    const three = expectOk(await t.gql(q, { id: servers[3]!.id })).server;
    expect(three).toMatchObject({ edition: { code: 'PREMIUM' }, region: { code: 'eu-1' }, quota: { region: { code: 'eu-1' } } });
    expect(three.openFindings).toEqual({ critical: 0, high: 0, medium: 0, low: 0, total: 0 });
    expect(three.riskScore).toBe(0);
  });

  it('closing a finding takes it out of openFindings', async () => {
    const q = `query($id: ID!) { server(id: $id) { openFindings { critical high medium low total } } }`;
    const target = servers[4]!;
    const before = expectOk(await t.gql(q, { id: target.id })).server.openFindings;
    expect(before).toEqual(target.open);
    await hss.sql(
      `update finding set status = 'FIXED', resolved_at = now() where server_id = ? and severity = 'HIGH' and status = 'OPEN'`,
      [target.id],
    );
    const after = expectOk(await t.gql(q, { id: target.id })).server.openFindings;
    expect(after).toEqual({ ...target.open, high: 0, total: target.open.total - target.open.high });
    await hss.sql(
      `update finding set status = 'OPEN', resolved_at = null where server_id = ? and severity = 'HIGH' and status = 'FIXED'`,
      [target.id],
    );
  });

  it('a server without agent, protection or findings has null nested objects and zero counts', async () => {
    const [bare] = await register(t, [{ name: 'zz-bare', hostname: 'bare.nested.test' }]);
    const data = expectOk(await t.gql(`query($id: ID!) { server(id: $id) { ${NESTED} } }`, { id: bare }));
    expect(data.server).toMatchObject({
      id: bare,
      riskScore: 0,
      region: { id: t.regionId, code: 'default' },
      agent: null,
      edition: null,
      quota: null,
      openFindings: { critical: 0, high: 0, medium: 0, low: 0, total: 0 },
    });
    await hss.sql('delete from server where id = ?', [bare]);
  });

  it("server(id) of another account's server is NOT_FOUND; a malformed id is BAD_USER_INPUT", async () => {
    const other = await hss.createTenant('nested-other');
    expectError(await other.gql('query($id: ID!) { server(id: $id) { id } }', { id: servers[0]!.id }), 'NOT_FOUND');
    expectError(await t.gql('query($id: ID!) { server(id: $id) { id } }', { id: 'nope' }), 'BAD_USER_INPUT');
    // The other account's list does not show them either, nor do its loaders leak anything.
    expect(expectOk(await other.gql(PAGE_QUERY, { first: 50 })).servers).toEqual({ totalCount: 0, edges: [] });
  });
});
