import { randomUUID } from 'node:crypto';
import { UserRole } from '@hss/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../helpers/expect.js';
import { type GraphQLResponse, startTestServer, type Tenant } from '../helpers/server.js';

const hss = await startTestServer();

/** A POST to /graphql as it went over the wire: status, raw body and parsed body. */
async function post(query: string, variables: Record<string, unknown>, token?: string) {
  const res = await fetch(`${hss.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as GraphQLResponse };
}

const TABLES = ['server', 'quota', 'audit_log', 'session', 'scan_task'] as const;

/** Rows in the tables a mutation may write, across all accounts. */
async function rowCounts(): Promise<Record<(typeof TABLES)[number], number>> {
  const out = {} as Record<(typeof TABLES)[number], number>;
  for (const table of TABLES) {
    const [row] = await hss.sql<{ n: string }>(`select count(*) as n from ${table}`);
    out[table] = Number(row!.n);
  }
  return out;
}

/** Runs `fn` and checks that it wrote no row anywhere. */
async function writesNothing(fn: () => Promise<void>): Promise<void> {
  const before = await rowCounts();
  await fn();
  expect(await rowCounts()).toEqual(before);
}

const SERVER = 'query($id: ID!) { server(id: $id) { id } }';
const QUOTA = 'query($id: ID!) { quota(id: $id) { id } }';
const ENABLE = 'mutation($input: EnableProtectionInput!) { enableProtection(input: $input) { server { id } } }';
const DISABLE = 'mutation($input: DisableProtectionInput!) { disableProtection(input: $input) { server { id } } }';
const BIND = 'mutation($input: BindQuotaInput!) { bindQuota(input: $input) { quota { id } } }';
const UNBIND = 'mutation($input: UnbindQuotaInput!) { unbindQuota(input: $input) { quota { id } } }';
const REGISTER = 'mutation($input: RegisterServersInput!) { registerServers(input: $input) { servers { id } } }';
const PURCHASE = 'mutation($input: PurchaseQuotasInput!) { purchaseQuotas(input: $input) { quotas { id } } }';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { token } }';

const enableInput = (serverId: string, extra: Record<string, unknown> = {}) => ({
  input: { serverId, edition: 'ENTERPRISE', billingMode: 'YEARLY_MONTHLY', acceptDisclaimer: true, ...extra },
});
const purchaseInput = (regionId: string, extra: Record<string, unknown> = {}) => ({
  input: { regionId, edition: 'BASIC', billingMode: 'YEARLY_MONTHLY', months: 12, count: 1, ...extra },
});
const server = (hostname: string, extra: Record<string, unknown> = {}) => ({ name: hostname, hostname, ips: [], ...extra });
const registerInput = (regionId: string, servers: Record<string, unknown>[]) => ({ input: { regionId, servers } });

/** A tenant with an online unprotected server, a protected one, an idle and a bound ENTERPRISE quota. */
async function world(t?: Tenant) {
  t ??= await hss.createTenant();
  const [online, protectedServer] = await hss.registerServers(t, 2);
  await hss.setAgentOnline([online!, protectedServer!]);
  const [idleQuota, boundQuota] = await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 2 });
  const res = await t.gql(ENABLE, enableInput(protectedServer!, { quotaId: boundQuota }));
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return { t, online: online!, protectedServer: protectedServer!, idleQuota: idleQuota!, boundQuota: boundQuota! };
}

describe('ids', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world();
  });

  it('unknown well-formed ids: NOT_FOUND naming what and which, and nothing is written', async () => {
    const cases: [string, string, (id: string) => Record<string, unknown>][] = [
      [SERVER, 'Server', (id) => ({ id })],
      [QUOTA, 'Quota', (id) => ({ id })],
      [ENABLE, 'Server', (id) => enableInput(id)],
      [ENABLE, 'Quota', (id) => enableInput(w.online, { quotaId: id })],
      [DISABLE, 'Server', (id) => ({ input: { serverId: id } })],
      [BIND, 'Quota', (id) => ({ input: { quotaId: id, serverId: w.online } })],
      [BIND, 'Server', (id) => ({ input: { quotaId: w.idleQuota, serverId: id } })],
      [UNBIND, 'Quota', (id) => ({ input: { quotaId: id } })],
      [PURCHASE, 'Region', (id) => purchaseInput(id)],
      [REGISTER, 'Region', (id) => registerInput(id, [server('unknown-region.example.test')])],
    ];
    await writesNothing(async () => {
      for (const [query, kind, vars] of cases) {
        const id = randomUUID();
        const err = expectError(await w.t.gql(query, vars(id)), 'NOT_FOUND');
        expect(err.message).toBe(`${kind} ${id} was not found.`);
        expect(err.extensions).toEqual({ code: 'NOT_FOUND', id });
      }
    });
  });

  it('malformed ids ("abc" and ""): BAD_USER_INPUT naming the field, and nothing is written', async () => {
    const cases: [string, string, (id: string) => Record<string, unknown>][] = [
      [SERVER, 'id', (id) => ({ id })],
      [QUOTA, 'id', (id) => ({ id })],
      ['query($id: ID) { overview(regionId: $id) { serverCount } }', 'regionId', (id) => ({ id })],
      ['query($id: ID) { servers(filter: { regionId: $id }) { totalCount } }', 'filter.regionId', (id) => ({ id })],
      ['query($id: ID) { quotas(filter: { regionId: $id }) { totalCount } }', 'filter.regionId', (id) => ({ id })],
      ['query($id: ID) { findings(filter: { serverId: $id }) { totalCount } }', 'filter.serverId', (id) => ({ id })],
      ['query($id: ID) { alarms(filter: { serverId: $id }) { totalCount } }', 'filter.serverId', (id) => ({ id })],
      [ENABLE, 'serverId', (id) => enableInput(id)],
      [ENABLE, 'quotaId', (id) => enableInput(w.online, { quotaId: id })],
      [DISABLE, 'serverId', (id) => ({ input: { serverId: id } })],
      [BIND, 'quotaId', (id) => ({ input: { quotaId: id, serverId: w.online } })],
      [BIND, 'serverId', (id) => ({ input: { quotaId: w.idleQuota, serverId: id } })],
      [UNBIND, 'quotaId', (id) => ({ input: { quotaId: id } })],
      [PURCHASE, 'regionId', (id) => purchaseInput(id)],
      [REGISTER, 'regionId', (id) => registerInput(id, [server('bad-region.example.test')])],
    ];
    await writesNothing(async () => {
      for (const [query, field, vars] of cases) {
        for (const bad of ['abc', '']) {
          const err = expectError(await w.t.gql(query, vars(bad)), 'BAD_USER_INPUT');
          expect(err.message, `${query} ${field}=${JSON.stringify(bad)}`).toContain(field);
          expect(err.message).toMatch(/UUID/);
        }
      }
    });
    // The same operations with the real ids succeed, so the field, not the operation, was refused.
    expect((await w.t.gql(SERVER, { id: w.online })).data).toEqual({ server: { id: w.online } });
    expect((await w.t.gql(QUOTA, { id: w.idleQuota })).data).toEqual({ quota: { id: w.idleQuota } });
  });

  it('a subscription with a malformed id ("abc" and ""): BAD_USER_INPUT naming the argument', async () => {
    const cases: [string, string][] = [
      ['subscription($id: ID) { serverChanged(regionId: $id) { id } }', 'regionId'],
      ['subscription($id: ID) { alarmRaised(regionId: $id) { id } }', 'regionId'],
      ['subscription($id: ID) { agentStatusChanged(regionId: $id) { serverId } }', 'regionId'],
      ['subscription($id: ID!) { scanProgress(serverId: $id) { status } }', 'serverId'],
    ];
    for (const [query, field] of cases) {
      for (const bad of ['abc', '']) {
        const result = await new Promise<GraphQLResponse>((resolve, reject) => {
          // An accepted subscription just waits for events: that is the failure this guards against.
          const timer = setTimeout(() => reject(new Error(`${query} with ${JSON.stringify(bad)} was accepted`)), 10_000);
          hss.ws(w.t.token).subscribe(
            { query, variables: { id: bad } },
            {
              next: (value) => {
                clearTimeout(timer);
                resolve(value as GraphQLResponse);
              },
              error: reject,
              complete: () => reject(new Error('completed')),
            },
          );
        });
        const err = expectError(result, 'BAD_USER_INPUT');
        expect(err.message).toBe(`${field} "${bad}" is not a valid id (expected a UUID).`);
      }
    }
  });
});

describe('purchaseQuotas arguments', () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await hss.createTenant();
  });

  it('zero, negative or too large months and count: BAD_USER_INPUT naming the field, and nothing is written', async () => {
    const cases: [Record<string, number>, string][] = [
      [{ months: 0 }, 'months must not be less than 1'],
      [{ months: -1 }, 'months must not be less than 1'],
      [{ months: -2147483648 }, 'months must not be less than 1'],
      [{ months: 37 }, 'months must not be greater than 36'],
      [{ count: 0 }, 'count must not be less than 1'],
      [{ count: -5 }, 'count must not be less than 1'],
      [{ count: 1001 }, 'count must not be greater than 1000'],
      [{ count: 2147483647 }, 'count must not be greater than 1000'],
    ];
    await writesNothing(async () => {
      for (const [extra, problem] of cases) {
        const err = expectError(await t.gql(PURCHASE, purchaseInput(t.regionId, extra)), 'BAD_USER_INPUT');
        expect(err.message).toBe(`Invalid input: ${problem}.`);
        expect(err.extensions).toEqual({ code: 'BAD_USER_INPUT', problems: [problem] });
      }
      const both = expectError(await t.gql(PURCHASE, purchaseInput(t.regionId, { months: 0, count: 0 })), 'BAD_USER_INPUT');
      expect(both.extensions!.problems).toEqual(['months must not be less than 1', 'count must not be less than 1']);
    });
  });

  it('accepts the bounds: 1 and 36 months, 1 and 1000 quotas', async () => {
    const small = await t.gql(PURCHASE, purchaseInput(t.regionId, { months: 1, count: 1 }));
    expect(small.errors).toBeUndefined();
    expect(small.data!.purchaseQuotas.quotas).toHaveLength(1);
    const large = await t.gql(PURCHASE, purchaseInput(t.regionId, { months: 36, count: 1000 }));
    expect(large.errors).toBeUndefined();
    expect(large.data!.purchaseQuotas.quotas).toHaveLength(1000);
    const [row] = await hss.sql<{ n: string }>(
      `select count(*) as n from quota where account_id = ? and expires_at > now() + interval '35 months'`,
      [t.accountId],
    );
    expect(Number(row!.n)).toBe(1000);
  });

  it('months that is not an integer: BAD_USER_INPUT from variable coercion (HTTP 400)', async () => {
    const res = await post(PURCHASE, purchaseInput(t.regionId, { months: 1.5 }), t.token);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [
        {
          message: 'Variable "$input" got invalid value 1.5 at "input.months"; Int cannot represent non-integer value: 1.5',
          locations: [{ line: 1, column: 10 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it('billingMode ON_DEMAND: BAD_USER_INPUT saying how on-demand works, and nothing is written', async () => {
    await writesNothing(async () => {
      const err = expectError(
        await t.gql(PURCHASE, purchaseInput(t.regionId, { edition: 'ENTERPRISE', billingMode: 'ON_DEMAND' })),
        'BAD_USER_INPUT',
      );
      expect(err.message).toBe(
        'Only YEARLY_MONTHLY quotas are purchased. ON_DEMAND protection is billed per use: enable it directly with enableProtection.',
      );
      expect(err.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'billingMode' });
    });
  });
});

describe('unknown enum values', () => {
  let t: Tenant;
  let serverId: string;
  beforeAll(async () => {
    t = await hss.createTenant();
    [serverId] = (await hss.registerServers(t, 1)) as [string];
    await hss.setAgentOnline([serverId]);
    await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
  });

  it('in variables: HTTP 400 with one BAD_USER_INPUT error naming the value, where it was and the enum; nothing is written', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        PURCHASE,
        purchaseInput(t.regionId, { edition: 'GOLD' }),
        'Variable "$input" got invalid value "GOLD" at "input.edition"; Value "GOLD" does not exist in "EditionCode" enum.',
      ],
      [
        PURCHASE,
        purchaseInput(t.regionId, { billingMode: 'WEEKLY' }),
        'Variable "$input" got invalid value "WEEKLY" at "input.billingMode"; Value "WEEKLY" does not exist in "BillingMode" enum.',
      ],
      [
        ENABLE,
        enableInput(serverId, { edition: 'enterprise' }),
        'Variable "$input" got invalid value "enterprise" at "input.edition"; Value "enterprise" does not exist in "EditionCode" enum. Did you mean the enum value "ENTERPRISE"?',
      ],
      [
        'query($filter: ServerFilter) { servers(filter: $filter) { totalCount } }',
        { filter: { agentStatus: ['ONLINE', 'SLEEPING'] } },
        'Variable "$filter" got invalid value "SLEEPING" at "filter.agentStatus[1]"; Value "SLEEPING" does not exist in "AgentStatus" enum.',
      ],
    ];
    await writesNothing(async () => {
      for (const [query, variables, message] of cases) {
        const res = await post(query, variables, t.token);
        expect(res.status, res.text).toBe(400);
        expect(res.body).not.toHaveProperty('data');
        expect(res.body.errors).toHaveLength(1);
        expect(res.body.errors![0]!.message).toBe(message);
        expect(res.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT' });
      }
    });
    // With the enum fixed, the same request goes through.
    expect((await t.gql(ENABLE, enableInput(serverId))).errors).toBeUndefined();
  });

  it('written into the query: HTTP 400 GRAPHQL_VALIDATION_FAILED, and nothing is written', async () => {
    await writesNothing(async () => {
      const res = await post(
        `mutation { purchaseQuotas(input: { regionId: "${t.regionId}", edition: GOLD, billingMode: YEARLY_MONTHLY, months: 1, count: 1 }) { quotas { id } } }`,
        {},
        t.token,
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0]!.message).toBe('Value "GOLD" does not exist in "EditionCode" enum.');
      expect(res.body.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    });
  });
});

describe('oversized and unstorable strings', () => {
  const BIG = 'a'.repeat(100_000);
  let t: Tenant;
  beforeAll(async () => {
    t = await hss.createTenant();
  });

  /** The request is refused with BAD_USER_INPUT and `problems`, the answer is small and does not quote the string. */
  async function expectRefused(query: string, variables: Record<string, unknown>, problems: string[], token?: string) {
    const res = await post(query, variables, token);
    expect(res.text.length, res.text.slice(0, 500)).toBeLessThan(2000);
    expect(res.text).not.toContain('a'.repeat(100));
    const err = expectError(res.body, 'BAD_USER_INPUT');
    if (problems.length) expect(err.extensions!.problems).toEqual(problems);
    return err;
  }

  it('100 kB name or hostname in registerServers: BAD_USER_INPUT, not echoed back, nothing written', async () => {
    await writesNothing(async () => {
      await expectRefused(
        REGISTER,
        registerInput(t.regionId, [{ name: BIG, hostname: 'big-name.example.test', ips: [] }]),
        ['servers.0.name must be shorter than or equal to 128 characters'],
        t.token,
      );
      await expectRefused(
        REGISTER,
        registerInput(t.regionId, [server('ok.example.test'), { name: 'big hostname', hostname: BIG, ips: [] }]),
        ['servers.1.hostname must be shorter than or equal to 253 characters'],
        t.token,
      );
      await expectRefused(
        REGISTER,
        registerInput(t.regionId, [{ name: 'big group', hostname: 'big-group.example.test', ips: [], group: BIG, osName: BIG }]),
        [
          'servers.0.osName must be shorter than or equal to 128 characters',
          'servers.0.group must be shorter than or equal to 128 characters',
        ],
        t.token,
      );
    });
  });

  it('100 kB search in servers(filter): BAD_USER_INPUT, not echoed back', async () => {
    await expectRefused(
      'query($s: String) { servers(filter: { search: $s }) { totalCount } }',
      { s: BIG },
      ['filter.search must be shorter than or equal to 200 characters'],
      t.token,
    );
    // 200 characters are still a search.
    const ok = await t.gql('query($s: String) { servers(filter: { search: $s }) { totalCount } }', { s: 'a'.repeat(200) });
    expect(ok.data).toEqual({ servers: { totalCount: 0 } });
  });

  it('100 kB e-mail or password in login: BAD_USER_INPUT, not echoed back, no session opened', async () => {
    await writesNothing(async () => {
      await expectRefused(LOGIN, { input: { email: `${BIG}@example.test`, password: 'x' } }, [
        'email must be shorter than or equal to 254 characters',
        'email must be an email',
      ]);
      await expectRefused(LOGIN, { input: { email: t.adminEmail, password: BIG } }, [
        'password must be shorter than or equal to 1024 characters',
      ]);
    });
  });

  it('100 kB values that fail variable coercion are not echoed back either', async () => {
    await writesNothing(async () => {
      // An enum: graphql-js quotes the offending value in its message.
      const enumErr = await expectRefused(PURCHASE, purchaseInput(t.regionId, { edition: BIG }), [], t.token);
      expect(enumErr.message).toMatch(
        /^Variable "\$input" got invalid value "a{64}…" at "input.edition"; Value "a{64}…" does not exist in "EditionCode" enum\.$/,
      );
      // A required field missing from an object that carries a 100 kB string: the whole object is quoted.
      const objErr = await expectRefused(
        REGISTER,
        { input: { regionId: t.regionId, servers: [{ name: BIG, ips: [] }] } },
        [],
        t.token,
      );
      expect(objErr.message).toMatch(/Field "hostname" of required type "String!" was not provided\.$/);
      // An id.
      const idErr = await expectRefused(SERVER, { id: BIG }, [], t.token);
      expect(idErr.message).toBe(`id "${'a'.repeat(64)}" is not a valid id (expected a UUID).`);
    });
  });

  it('a NUL character in a name or a search: BAD_USER_INPUT naming the field, and nothing is written', async () => {
    await writesNothing(async () => {
      await expectRefused(
        REGISTER,
        registerInput(t.regionId, [server('nul.example.test', { name: 'web\u000001', group: 'g\u0000' })]),
        ['servers.0.name must not contain NUL characters', 'servers.0.group must not contain NUL characters'],
        t.token,
      );
      await expectRefused(
        'query($s: String) { servers(filter: { search: $s }) { totalCount } }',
        { s: 'web\u0000' },
        ['filter.search must not contain NUL characters'],
        t.token,
      );
    });
  });
});

describe('registerServers', () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await hss.createTenant();
  });

  it('an invalid IP address: BAD_USER_INPUT, and not even the valid servers of the import are written', async () => {
    await writesNothing(async () => {
      for (const ip of ['1.2.3.999', 'not-an-ip', '10.0.0.0/8', '::gg', '', ' 10.0.0.1']) {
        const err = expectError(
          await t.gql(
            REGISTER,
            registerInput(t.regionId, [
              server('valid.example.test', { ips: ['10.0.0.1'] }),
              server('bad-ip.example.test', { ips: ['10.0.0.2', ip] }),
            ]),
          ),
          'BAD_USER_INPUT',
        );
        expect(err.extensions!.problems).toEqual(['each of servers.1.ips must be an IPv4 or IPv6 address']);
      }
    });
  });

  it('a hostname repeated in one import (in any case): BAD_USER_INPUT naming it, and nothing is written', async () => {
    await writesNothing(async () => {
      const err = expectError(
        await t.gql(
          REGISTER,
          registerInput(t.regionId, [server('web-1.example.test'), server('db-1.example.test'), server('WEB-1.example.test')]),
        ),
        'BAD_USER_INPUT',
      );
      expect(err.message).toBe('Hostnames must be unique within one import; repeated: web-1.example.test.');
    });
  });

  it('a hostname already registered in the region: BAD_USER_INPUT naming it, and nothing is written', async () => {
    const first = await t.gql(REGISTER, registerInput(t.regionId, [server('app-1.example.test', { ips: ['2001:db8::1'] })]));
    expect(first.errors).toBeUndefined();
    await writesNothing(async () => {
      const err = expectError(
        await t.gql(REGISTER, registerInput(t.regionId, [server('new-1.example.test'), server('APP-1.example.test')])),
        'BAD_USER_INPUT',
      );
      expect(err.message).toBe(
        'These hostnames are already registered in region default: app-1.example.test. Remove them from the import.',
      );
    });
  });

  it('a hostname with characters a hostname cannot have, or an empty import: BAD_USER_INPUT', async () => {
    await writesNothing(async () => {
      const bad = expectError(
        await t.gql(REGISTER, registerInput(t.regionId, [server('web_1!.example.test')])),
        'BAD_USER_INPUT',
      );
      expect(bad.extensions!.problems).toEqual(['servers.0.hostname must contain only letters, digits, dots and hyphens']);
      const empty = expectError(await t.gql(REGISTER, registerInput(t.regionId, [])), 'BAD_USER_INPUT');
      expect(empty.extensions!.problems).toEqual(['servers must contain at least 1 elements']);
    });
  });
});

describe('cursors', () => {
  let t: Tenant;
  const cursor = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
  const uuid = '00000000-0000-4000-8000-000000000001';
  beforeAll(async () => {
    t = await hss.createTenant();
    await hss.registerServers(t, 3, { prefix: 'cur' });
    await hss.purchaseQuotas(t, { edition: 'BASIC', count: 2 });
  });

  it('a malformed after cursor: BAD_USER_INPUT on the after field', async () => {
    const quotasPage = await t.gql('{ quotas(first: 1) { pageInfo { endCursor } } }');
    const quotaCursor = quotasPage.data!.quotas.pageInfo.endCursor as string;
    const cases: [string, string, string][] = [
      ['servers(first: 1, after: $a)', 'abc', 'NAME'],
      ['servers(first: 1, after: $a)', '!!!not base64!!!', 'NAME'],
      ['servers(first: 1, after: $a)', cursor({}), 'NAME'],
      ['servers(first: 1, after: $a)', cursor(['NAME', 'x']), 'NAME'],
      // A cursor of another ordering or another list.
      ['servers(first: 1, after: $a, orderBy: { field: RISK, direction: DESC })', cursor(['NAME', 'x', uuid]), 'RISK'],
      ['findings(first: 1, after: $a)', quotaCursor, 'LAST_SEEN_AT'],
      // Well-formed JSON whose values PostgreSQL would refuse: they must not reach SQL.
      ['servers(first: 1, after: $a)', cursor(['NAME', 'x', '-'.repeat(36)]), 'NAME'],
      ['servers(first: 1, after: $a)', cursor(['NAME', "x' or '1'='1", 'not-a-uuid']), 'NAME'],
      ['servers(first: 1, after: $a)', cursor(['NAME', 'web\u0000', uuid]), 'NAME'],
      [
        'servers(first: 1, after: $a, orderBy: { field: CREATED_AT, direction: ASC })',
        cursor(['CREATED_AT', '1', uuid]),
        'CREATED_AT',
      ],
      [
        'servers(first: 1, after: $a, orderBy: { field: CREATED_AT, direction: ASC })',
        cursor(['CREATED_AT', 'yesterday', uuid]),
        'CREATED_AT',
      ],
      ['servers(first: 1, after: $a, orderBy: { field: RISK, direction: DESC })', cursor(['RISK', 1.5, uuid]), 'RISK'],
      ['servers(first: 1, after: $a, orderBy: { field: RISK, direction: DESC })', cursor(['RISK', '1', uuid]), 'RISK'],
    ];
    for (const [field, after, ordering] of cases) {
      const res = await t.gql(`query($a: String) { ${field} { totalCount } }`, { a: after });
      const err = expectError(res, 'BAD_USER_INPUT');
      expect(err.message, `${field} after=${after}`).toBe(
        `The "after" cursor is not valid for ordering by ${ordering}; pass an endCursor from a page of the same list and ordering.`,
      );
      expect(err.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const long = expectError(
      await t.gql('query($a: String) { servers(after: $a) { totalCount } }', { a: 'x'.repeat(600) }),
      'BAD_USER_INPUT',
    );
    expect(long.extensions!.problems).toEqual(['after must be shorter than or equal to 512 characters']);
  });

  it('a cursor from the previous page still works, in every ordering', async () => {
    for (const orderBy of [
      '{ field: NAME, direction: ASC }',
      '{ field: CREATED_AT, direction: DESC }',
      '{ field: RISK, direction: DESC }',
    ]) {
      const q = `query($a: String) { servers(first: 2, after: $a, orderBy: ${orderBy}) { edges { node { id } } pageInfo { endCursor hasNextPage } } }`;
      const one = await t.gql(q);
      const two = await t.gql(q, { a: one.data!.servers.pageInfo.endCursor });
      expect(two.errors).toBeUndefined();
      const ids = [...one.data!.servers.edges, ...two.data!.servers.edges].map((e: any) => e.node.id);
      expect(new Set(ids).size).toBe(3);
      expect(two.data!.servers.pageInfo.hasNextPage).toBe(false);
    }
    const quotas = await t.gql('query($a: String) { quotas(first: 1, after: $a) { edges { node { id } } } }');
    expect(quotas.errors).toBeUndefined();
  });
});

describe('unexpected errors', () => {
  it('are masked: no SQL, no stack, a request id that the log carries with the real cause', async () => {
    const t = await hss.createTenant();
    // A real failure of the real database: the table the query needs is gone.
    await hss.sql('alter table alarm rename to alarm_gone');
    let res: Awaited<ReturnType<typeof post>>;
    try {
      res = await post('{ alarms { totalCount } }', {}, t.token);
    } finally {
      await hss.sql('alter table alarm_gone rename to alarm');
    }
    expect(res.status).toBe(200);
    const err = expectError(res.body, 'INTERNAL_SERVER_ERROR');
    const requestId = err.extensions!.requestId as string;
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(err).toEqual({
      message: `Internal server error. Quote request id ${requestId} when reporting it.`,
      path: ['alarms'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    });
    expect(res.text).not.toMatch(/select|relation|does not exist|stack|at .*\.js/i);
    const logged = hss.logs.filter((line) => line.includes(requestId));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('unexpected error in a GraphQL operation');
    expect(logged[0]).toMatch(/relation \\?"alarm\\?" does not exist/);
    // And the API is fine again.
    expect((await t.gql('{ alarms { totalCount } }')).data).toEqual({ alarms: { totalCount: 0 } });
  });
});

describe('audit log', () => {
  interface AuditRow {
    user_id: string | null;
    action: string;
    target_type: string;
    target_id: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    request_id: string | null;
  }

  /** The audit rows `fn` wrote for the account. */
  async function auditOf(accountId: string, fn: () => Promise<unknown>): Promise<AuditRow[]> {
    const seen = new Set(
      (await hss.sql<{ id: string }>('select id from audit_log where account_id = ?', [accountId])).map((r) => r.id),
    );
    await fn();
    const rows = await hss.sql<AuditRow & { id: string }>(
      'select id, user_id, action, target_type, target_id, before, after, request_id from audit_log where account_id = ? order by created_at, target_id',
      [accountId],
    );
    return rows.filter((r) => !seen.has(r.id)).map(({ id: _id, ...row }) => row);
  }

  async function userId(email: string): Promise<string> {
    const [row] = await hss.sql<{ id: string }>('select id from app_user where email = ?', [email]);
    return row!.id;
  }

  const ok = async (t: Tenant, query: string, variables: Record<string, unknown>) => {
    const res = await t.gql(query, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!;
  };
  const requestId = expect.stringMatching(/^[0-9a-f-]{36}$/);

  it('purchaseQuotas writes one row: the buyer, PURCHASE_QUOTAS on the region, and what was bought', async () => {
    const t = await hss.createTenant();
    let ids: string[] = [];
    const rows = await auditOf(t.accountId, async () => {
      const data = await ok(t, PURCHASE, purchaseInput(t.regionId, { edition: 'PREMIUM', months: 6, count: 3 }));
      ids = data.purchaseQuotas.quotas.map((q: { id: string }) => q.id);
    });
    expect(rows).toEqual([
      {
        user_id: await userId(t.adminEmail),
        action: 'PURCHASE_QUOTAS',
        target_type: 'Region',
        target_id: t.regionId,
        before: null,
        after: { edition: 'PREMIUM', months: 6, count: 3, quotaIds: ids },
        request_id: requestId,
      },
    ]);
  });

  it('registerServers writes one row per server registered, with what was registered', async () => {
    const t = await hss.createTenant();
    const operator = await hss.addUser(t, UserRole.OPERATOR);
    let ids: string[] = [];
    const rows = await auditOf(t.accountId, async () => {
      const data = await ok(
        operator,
        REGISTER,
        registerInput(t.regionId, [
          { name: ' Web 1 ', hostname: 'WEB-1.example.test', ips: ['10.0.0.1', '2001:db8::1'] },
          { name: 'db', hostname: 'db.example.test', ips: [] },
        ]),
      );
      ids = data.registerServers.servers.map((s: { id: string }) => s.id);
    });
    const by = await userId(operator.adminEmail);
    expect(rows).toHaveLength(2);
    expect(rows.sort((x, y) => ids.indexOf(x.target_id) - ids.indexOf(y.target_id))).toEqual([
      {
        user_id: by,
        action: 'REGISTER_SERVER',
        target_type: 'Server',
        target_id: ids[0],
        before: null,
        after: { name: 'Web 1', hostname: 'web-1.example.test', ips: ['10.0.0.1', '2001:db8::1'], regionId: t.regionId },
        request_id: requestId,
      },
      {
        user_id: by,
        action: 'REGISTER_SERVER',
        target_type: 'Server',
        target_id: ids[1],
        before: null,
        after: { name: 'db', hostname: 'db.example.test', ips: [], regionId: t.regionId },
        request_id: requestId,
      },
    ]);
    // Both rows belong to the one request.
    expect(rows[0]!.request_id).toBe(rows[1]!.request_id);
  });

  it('enableProtection writes one row with the protection before and after', async () => {
    const w = await world();
    const rows = await auditOf(w.t.accountId, () => ok(w.t, ENABLE, enableInput(w.online, { quotaId: w.idleQuota })));
    expect(rows).toEqual([
      {
        user_id: await userId(w.t.adminEmail),
        action: 'ENABLE_PROTECTION',
        target_type: 'Server',
        target_id: w.online,
        before: { protectionStatus: 'DISABLED', edition: null, billingMode: null, quotaId: null },
        after: { protectionStatus: 'ENABLED', edition: 'ENTERPRISE', billingMode: 'YEARLY_MONTHLY', quotaId: w.idleQuota },
        request_id: requestId,
      },
    ]);
  });

  it('enableProtection on demand records no quota', async () => {
    const w = await world();
    const rows = await auditOf(w.t.accountId, () => ok(w.t, ENABLE, enableInput(w.online, { billingMode: 'ON_DEMAND' })));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.after).toEqual({
      protectionStatus: 'ENABLED',
      edition: 'ENTERPRISE',
      billingMode: 'ON_DEMAND',
      quotaId: null,
    });
  });

  it('disableProtection writes one row with the released quota before and none after', async () => {
    const w = await world();
    const rows = await auditOf(w.t.accountId, () => ok(w.t, DISABLE, { input: { serverId: w.protectedServer } }));
    expect(rows).toEqual([
      {
        user_id: await userId(w.t.adminEmail),
        action: 'DISABLE_PROTECTION',
        target_type: 'Server',
        target_id: w.protectedServer,
        before: { protectionStatus: 'ENABLED', edition: 'ENTERPRISE', billingMode: 'YEARLY_MONTHLY', quotaId: w.boundQuota },
        after: { protectionStatus: 'DISABLED', edition: null, billingMode: null, quotaId: null },
        request_id: requestId,
      },
    ]);
  });

  it('bindQuota writes one row on the quota, naming the server it was bound to', async () => {
    const w = await world();
    const operator = await hss.addUser(w.t, UserRole.OPERATOR);
    const rows = await auditOf(w.t.accountId, () => ok(operator, BIND, { input: { quotaId: w.idleQuota, serverId: w.online } }));
    expect(rows).toEqual([
      {
        user_id: await userId(operator.adminEmail),
        action: 'BIND_QUOTA',
        target_type: 'Quota',
        target_id: w.idleQuota,
        before: { protectionStatus: 'DISABLED', edition: null, billingMode: null, quotaId: null },
        after: {
          protectionStatus: 'ENABLED',
          edition: 'ENTERPRISE',
          billingMode: 'YEARLY_MONTHLY',
          quotaId: w.idleQuota,
          serverId: w.online,
        },
        request_id: requestId,
      },
    ]);
  });

  it('unbindQuota writes one row on the quota, with the server it left and the quota idle after', async () => {
    const w = await world();
    const rows = await auditOf(w.t.accountId, () => ok(w.t, UNBIND, { input: { quotaId: w.boundQuota } }));
    expect(rows).toEqual([
      {
        user_id: await userId(w.t.adminEmail),
        action: 'UNBIND_QUOTA',
        target_type: 'Quota',
        target_id: w.boundQuota,
        before: {
          protectionStatus: 'ENABLED',
          edition: 'ENTERPRISE',
          billingMode: 'YEARLY_MONTHLY',
          quotaId: w.boundQuota,
          serverId: w.protectedServer,
        },
        after: {
          protectionStatus: 'DISABLED',
          edition: null,
          billingMode: null,
          quotaId: null,
          serverId: null,
          quotaStatus: 'IDLE',
        },
        request_id: requestId,
      },
    ]);
  });

  it('a failing mutation writes no audit row', async () => {
    const w = await world();
    const viewer = await hss.addUser(w.t, UserRole.VIEWER);
    const [offline] = await hss.registerServers(w.t, 1);
    const failures: [Tenant, string, Record<string, unknown>, string][] = [
      [w.t, ENABLE, enableInput(w.protectedServer), 'ALREADY_PROTECTED'],
      [w.t, ENABLE, enableInput(offline!), 'AGENT_OFFLINE'],
      [w.t, ENABLE, enableInput(w.online, { acceptDisclaimer: false }), 'DISCLAIMER_NOT_ACCEPTED'],
      [w.t, ENABLE, enableInput(w.online, { edition: 'PREMIUM' }), 'QUOTA_INSUFFICIENT'],
      [w.t, ENABLE, enableInput(w.online, { edition: 'PREMIUM', quotaId: w.idleQuota }), 'EDITION_MISMATCH'],
      [w.t, ENABLE, enableInput(w.online, { edition: 'PREMIUM', billingMode: 'ON_DEMAND' }), 'EDITION_NOT_ON_DEMAND'],
      [w.t, ENABLE, enableInput(w.online, { quotaId: w.boundQuota }), 'QUOTA_NOT_IDLE'],
      [w.t, DISABLE, { input: { serverId: w.online } }, 'NOT_PROTECTED'],
      [w.t, BIND, { input: { quotaId: w.boundQuota, serverId: w.online } }, 'QUOTA_NOT_IDLE'],
      [w.t, UNBIND, { input: { quotaId: w.idleQuota } }, 'NOT_PROTECTED'],
      [w.t, PURCHASE, purchaseInput(w.t.regionId, { count: 0 }), 'BAD_USER_INPUT'],
      [w.t, PURCHASE, purchaseInput(randomUUID()), 'NOT_FOUND'],
      [w.t, REGISTER, registerInput(w.t.regionId, [server('x.example.test'), server('X.example.test')]), 'BAD_USER_INPUT'],
      [viewer, PURCHASE, purchaseInput(w.t.regionId), 'FORBIDDEN'],
      [viewer, DISABLE, { input: { serverId: w.protectedServer } }, 'FORBIDDEN'],
    ];
    const rows = await auditOf(w.t.accountId, async () => {
      await writesNothing(async () => {
        for (const [who, query, variables, code] of failures) {
          expectError(await who.gql(query, variables), code);
        }
      });
    });
    expect(rows).toEqual([]);
  });
});
