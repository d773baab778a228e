import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer } from '../helpers/server.js';

const hss = await startTestServer();
const tenant = await hss.createTenant();

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${hss.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}

/** SQL statements a request ran besides the session lookup: a rejected query runs none. */
async function statementsFor(request: () => Promise<unknown>): Promise<string[]> {
  hss.resetQueries();
  await request();
  return hss.queries.filter((q) => !q.includes('"session"'));
}

describe('query limits, before any resolver runs', () => {
  it('refuses a query nested deeper than 12 levels', async () => {
    let selection = 'id';
    for (let i = 0; i < 8; i++) selection = `quota { server { ${selection} } }`;
    const statements = await statementsFor(async () => {
      const res = await tenant.gql(`{ servers(first: 5) { edges { node { ${selection} } } } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0]?.message).toMatch(/levels deep; the limit is 12/);
    });
    expect(statements).toEqual([]);
  });

  it('refuses more than 30 aliases (an alias attack)', async () => {
    const fields = Array.from({ length: 31 }, (_, i) => `a${i}: overview { serverCount }`).join(' ');
    const statements = await statementsFor(async () => {
      const res = await tenant.gql(`{ ${fields} }`);
      expect(res.errors?.[0]?.message).toMatch(/more than 30 aliases/);
    });
    expect(statements).toEqual([]);
    // 30 are fine.
    const ok = await tenant.gql(`{ ${Array.from({ length: 30 }, (_, i) => `a${i}: regions { id }`).join(' ')} }`);
    expect(ok.errors).toBeUndefined();
  });

  it('refuses a document of more than 5,000 tokens', async () => {
    const res = await tenant.gql(`{ ${Array.from({ length: 6000 }, () => '__typename').join(' ')} }`);
    expect(res.errors?.[0]?.message).toMatch(/Document contains more th.. 5000 tokens/);
  });

  it('applies the same limits to subscriptions over graphql-ws', async () => {
    const client = hss.ws(tenant.token);
    const fields = Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ');
    const error = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `subscription { serverChanged { ${fields} } }` },
        { next: () => {}, error: resolve, complete: () => resolve(null) },
      );
    });
    expect(JSON.stringify(error)).toMatch(/more than 30 aliases/);
  });
});

/** Every field of a server, with its region, edition, quota and agent: what a detailed list shows. */
const FULL_SERVER = `id name hostname ips osType osName osVersion architecture hosting group machineId
  agentStatus agentStatusSince agentOfflineReason protectionStatus protectionInterruptedCause detectionResult
  billingMode trialEndsAt riskScore lastScanAt inventoryAt createdAt updatedAt
  openFindings { critical high medium low total }
  region { id code name createdAt }
  edition { code name description features rank supportsOnDemand freeTrialDays }
  quota { id status billingMode expiresAt boundAt createdAt edition { code } region { id } }
  agent { id version enrolledAt lastSeenAt revokedAt policyVersion }`;

describe('query cost, before any resolver runs', () => {
  it("passes the console's pages: 50 and 100 servers with every field", async () => {
    for (const first of [50, 100]) {
      const res = await tenant.gql(
        `query($first: Int!) { servers(first: $first) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${FULL_SERVER} } } } }`,
        { first },
      );
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    }
    // Several lists at once, as a dashboard asks.
    const dashboard = await tenant.gql(`{
      overview { serverCount agentStatus { online offline notInstalled } }
      servers(first: 20) { edges { node { id name agentStatus protectionStatus } } }
      alarms(first: 20) { edges { node { id title severity server { id name } } } }
      findings(first: 20) { edges { node { id title severity server { id name } } } }
      quotas(first: 20) { edges { node { id status edition { code } server { id } } } }
      regions { id name } editions { code name features }
    }`);
    expect(dashboard.errors, JSON.stringify(dashboard.errors)).toBeUndefined();
  });

  it('refuses pages of expensive nodes under many aliases, naming the cost and the limit', async () => {
    const aliases = Array.from({ length: 10 }, (_, i) => `p${i}: servers(first: 100) { edges { node { ${FULL_SERVER} } } }`);
    const statements = await statementsFor(async () => {
      const res = await tenant.gql(`{ ${aliases.join(' ')} }`);
      const err = res.errors?.[0];
      expect(err?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(err?.message).toMatch(/^The query costs [\d,]+; the limit is 10,000\. Ask for smaller pages/);
      expect(err?.extensions?.cost).toBeGreaterThan(10_000);
      expect(err?.extensions?.maxCost).toBe(10_000);
      expect(res.data ?? undefined).toBeUndefined();
    });
    expect(statements).toEqual([]);
  });

  it('counts page sizes given in variables, and defaults when absent', async () => {
    const query = `query($n: Int!) { a: servers(first: $n) { edges { node { ${FULL_SERVER} } } } b: servers(first: $n) { edges { node { ${FULL_SERVER} } } } c: servers(first: $n) { edges { node { ${FULL_SERVER} } } } }`;
    expect((await tenant.gql(query, { n: 5 })).errors).toBeUndefined();
    const statements = await statementsFor(async () => {
      expect((await tenant.gql(query, { n: 100 })).errors?.[0]?.message).toMatch(/^The query costs/);
    });
    expect(statements).toEqual([]);
  });

  it('refuses a costly operation over graphql-ws too', async () => {
    const client = hss.ws(tenant.token);
    const aliases = Array.from({ length: 10 }, (_, i) => `p${i}: servers(first: 100) { edges { node { ${FULL_SERVER} } } }`);
    hss.resetQueries();
    const error = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: `{ ${aliases.join(' ')} }` }, { next: resolve, error: resolve, complete: () => resolve(null) });
    });
    expect(JSON.stringify(error)).toMatch(/The query costs [\d,]+; the limit is 10,000/);
    expect(hss.queries.filter((q) => !q.includes('"session"'))).toEqual([]);
  });
});

describe('HTTP', () => {
  it('refuses batched requests', async () => {
    const res = await post([{ query: '{ regions { id } }' }, { query: '{ regions { id } }' }]);
    expect(res.status).toBe(400);
  });

  it('refuses a GET without a preflight header (CSRF prevention)', async () => {
    const res = await fetch(`${hss.url}/graphql?query=${encodeURIComponent('{ regions { id } }')}`, {
      headers: { authorization: `Bearer ${tenant.token}` },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/i);
  });

  it('answers a request body over 1 MiB with 413 and malformed JSON with 400', async () => {
    expect((await post({ query: `{ regions { id } } #${'x'.repeat(1_100_000)}` })).status).toBe(413);
    expect((await post('{"query": ')).status).toBe(400);
  });

  it('answers a 2 MB body with 413, and malformed or mistyped requests with 400, before any resolver', async () => {
    const statements = await statementsFor(async () => {
      expect((await post({ query: '{ regions { id } }', variables: { pad: 'x'.repeat(2_000_000) } })).status).toBe(413);
      for (const body of [
        '{"query": ',
        '{"query": "{ regions { id } }"',
        '\u0000',
        'null',
        '"text"',
        '{"query": 42}',
        '{"query": "{ regions { id } }", "variables": "x"}',
      ]) {
        const res = await post(body);
        expect(res.status, body).toBe(400);
      }
      const text = await fetch(`${hss.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${tenant.token}` },
        body: '{"query": "{ regions { id } }"}',
      });
      expect(text.status).toBe(400);
    });
    expect(statements).toEqual([]);
  });
});

describe('WebSocket origin', () => {
  const open = (origin?: string) =>
    new Promise<number | 'open'>((resolve) => {
      const socket = new WebSocket(hss.wsUrl, 'graphql-transport-ws', origin ? { origin } : {});
      socket.once('open', () => {
        socket.close();
        resolve('open');
      });
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('error', () => {});
    });

  it('speaks only the graphql-transport-ws subprotocol: the legacy one, or none, is refused at the upgrade', async () => {
    const upgrade = (protocols: string[]) =>
      new Promise<number | string>((resolve) => {
        const socket = new WebSocket(hss.wsUrl, protocols);
        socket.once('open', () => {
          resolve(`open with ${socket.protocol}`);
          socket.close();
        });
        socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.once('error', () => {});
      });
    expect(await upgrade(['graphql-ws'])).toBe(400);
    expect(await upgrade([])).toBe(400);
    expect(await upgrade(['graphql-ws', 'graphql-transport-ws'])).toBe('open with graphql-transport-ws');
  });

  it('refuses a browser origin that is not allowed, and accepts the console and non-browser clients', async () => {
    expect(await open('https://evil.example')).toBe(401);
    expect(await open('http://localhost:3000')).toBe('open');
    expect(await open()).toBe('open');
  });
});

describe('sign-in throttling', () => {
  it('after 5 wrong passwords for an account, further attempts get RATE_LIMITED with a retry-after', async () => {
    const t = await hss.createTenant();
    const login = (password: string) =>
      hss.gql('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { email: t.adminEmail, password } });
    for (let i = 0; i < 5; i++) expect((await login('wrong-password')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const limited = await login(t.password);
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.errors?.[0]?.message).toMatch(/Wait \d+ seconds/);
    // Another account is not affected.
    const other = await hss.createTenant();
    expect(
      (
        await hss.gql('mutation($i: LoginInput!) { login(input: $i) { token } }', {
          i: { email: other.adminEmail, password: other.password },
        })
      ).errors,
    ).toBeUndefined();
  });
});
