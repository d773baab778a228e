import { PassThrough } from 'node:stream';
import { UserRole } from '@hss/schema';
import { type AppOptions, createLogger, type EventBus, type HssApp, loadConfig, startApp } from '@hss/server';
import { type Client, createClient } from 'graphql-ws';
import { afterAll } from 'vitest';
import WebSocket from 'ws';
import { freshDatabase } from './database.js';
import { captureLogs, recordPasswordsIn, recordSecretsIn } from './secrets.js';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface Tenant {
  accountId: string;
  regionId: string;
  /** Extra regions created with the tenant, by code. */
  regions: Record<string, string>;
  adminEmail: string;
  password: string;
  token: string;
  gql: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;
}

export interface TestServer {
  app: HssApp;
  databaseUrl: string;
  url: string;
  wsUrl: string;
  /** Every log line the server wrote, for tests that inspect logs. */
  logs: string[];
  /** Every SQL statement sent since the last `resetQueries()`. */
  queries: string[];
  resetQueries(): void;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** A new account with a default region (and `extraRegions`) and a signed-in admin. */
  createTenant(name?: string, extraRegions?: string[]): Promise<Tenant>;
  /** Adds a user with `role` to the tenant's account and signs them in. */
  addUser(tenant: Tenant, role: UserRole): Promise<Tenant>;
  /** Pre-registers servers through the API and returns their ids. */
  registerServers(tenant: Tenant, count: number, opts?: { regionId?: string; prefix?: string }): Promise<string[]>;
  /**
   * Marks servers' agents ONLINE directly in the database, as the agent gateway will once an
   * agent authenticates; the protection rules only read this status.
   */
  setAgentOnline(serverIds: string[]): Promise<void>;
  purchaseQuotas(
    tenant: Tenant,
    input: { edition: string; count: number; months?: number; regionId?: string },
  ): Promise<string[]>;
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  ws(token: string | null): Client;
}

let tenantSeq = 0;

/**
 * A real control plane on a free port over a fresh database, disposed after the file's tests.
 * Call it at the top level of a test file: `const hss = await startTestServer();`
 */
export async function startTestServer(
  opts: {
    databaseUrl?: string;
    events?: EventBus;
    gateway?: AppOptions['gateway'];
    /** A fixed gateway port, for tests that restart the control plane under its agents. */
    gatewayPort?: number;
    env?: Record<string, string>;
  } = {},
): Promise<TestServer> {
  const databaseUrl = opts.databaseUrl ?? (await freshDatabase());
  const logs: string[] = [];
  captureLogs(logs);
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => logs.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const log = createLogger('info', sink);
  let queries: string[] = [];
  const config = loadConfig({ NODE_ENV: 'test', HSS_SESSION_TTL_HOURS: '1', ...opts.env });
  const app = await startApp({
    config,
    databaseUrl,
    log,
    port: 0,
    events: opts.events,
    onQuery: (sql) => queries.push(sql),
    ...(opts.gateway ? { gatewayPort: opts.gatewayPort ?? 0, gateway: opts.gateway } : {}),
  });
  const clients: Client[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await app.stop();
  });

  const gql = async <T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>> => {
    // Every password sent and every token sent or received is checked against the logs (log-scan.setup.ts).
    recordPasswordsIn(variables);
    if (token) recordSecretsIn(token);
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    recordSecretsIn(text);
    return JSON.parse(text) as GraphQLResponse<T>;
  };

  const login = async (email: string, password: string): Promise<string> => {
    const res = await gql<{ login: { token: string } }>('mutation($input: LoginInput!) { login(input: $input) { token } }', {
      input: { email, password },
    });
    if (!res.data?.login) throw new Error(`login failed: ${JSON.stringify(res.errors)}`);
    return res.data.login.token;
  };

  const asTenant = (base: Omit<Tenant, 'gql'>): Tenant => ({
    ...base,
    gql: (query, variables) => gql(query, variables, base.token),
  });

  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await app.orm.em.fork().getConnection().execute(text, params)) as T[];

  const server: TestServer = {
    app,
    databaseUrl,
    url: app.url,
    wsUrl: `${app.url.replace('http', 'ws')}/graphql`,
    logs,
    get queries() {
      return queries;
    },
    resetQueries: () => {
      queries = [];
    },
    gql,
    sql,
    async createTenant(name = `tenant-${++tenantSeq}`, extraRegions = []) {
      const adminEmail = `admin-${name}-${Math.random().toString(36).slice(2, 8)}@example.test`;
      const password = `pw-${name}-correct-horse`;
      const { account, regions } = await app.services.accounts.createAccount(app.orm.em.fork(), {
        name,
        adminEmail,
        adminPassword: password,
        regions: [{ code: 'default', name: 'Default' }, ...extraRegions.map((code) => ({ code, name: code }))],
      });
      const token = await login(adminEmail, password);
      return asTenant({
        accountId: account.id,
        regionId: regions[0]!.id,
        regions: Object.fromEntries(regions.map((r) => [r.code, r.id])),
        adminEmail,
        password,
        token,
      });
    },
    async addUser(tenant, role) {
      const email = `${role.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
      const password = `pw-${role}-correct-horse`;
      await app.services.accounts.addUser(app.orm.em.fork(), tenant.accountId, email, password, role);
      return asTenant({ ...tenant, adminEmail: email, password, token: await login(email, password) });
    },
    async registerServers(tenant, count, opts = {}) {
      const prefix = opts.prefix ?? `srv-${Math.random().toString(36).slice(2, 6)}`;
      const ids: string[] = [];
      for (let start = 0; start < count; start += 1000) {
        const servers = Array.from({ length: Math.min(1000, count - start) }, (_, i) => ({
          name: `${prefix}-${String(start + i).padStart(5, '0')}`,
          hostname: `${prefix}-${start + i}.example.test`,
          ips: [`10.${(start + i) >> 16}.${((start + i) >> 8) & 255}.${(start + i) & 255}`],
        }));
        const res = await tenant.gql<{ registerServers: { servers: { id: string }[] } }>(
          'mutation($input: RegisterServersInput!) { registerServers(input: $input) { servers { id } } }',
          { input: { regionId: opts.regionId ?? tenant.regionId, servers } },
        );
        if (!res.data) throw new Error(`registerServers failed: ${JSON.stringify(res.errors)}`);
        ids.push(...res.data.registerServers.servers.map((s) => s.id));
      }
      return ids;
    },
    async setAgentOnline(serverIds) {
      await sql(`update server set agent_status = 'ONLINE', agent_status_since = now() where id in (?)`, [serverIds]);
    },
    async purchaseQuotas(tenant, input) {
      const res = await tenant.gql<{ purchaseQuotas: { quotas: { id: string }[] } }>(
        'mutation($input: PurchaseQuotasInput!) { purchaseQuotas(input: $input) { quotas { id } } }',
        {
          input: {
            regionId: input.regionId ?? tenant.regionId,
            edition: input.edition,
            billingMode: 'YEARLY_MONTHLY',
            months: input.months ?? 12,
            count: input.count,
          },
        },
      );
      if (!res.data) throw new Error(`purchaseQuotas failed: ${JSON.stringify(res.errors)}`);
      return res.data.purchaseQuotas.quotas.map((q) => q.id);
    },
    ws(token) {
      if (token) recordSecretsIn(token);
      const client = createClient({
        url: `${app.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      return client;
    },
  };
  return server;
}

export { UserRole };
