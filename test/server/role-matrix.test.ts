import { randomUUID } from 'node:crypto';
import { UserRole } from '@hss/schema';
import { buildHssSchema } from '@hss/server';
import { type GraphQLArgument, type GraphQLInputType, getNamedType, isInputObjectType } from 'graphql';
import type { Client } from 'graphql-ws';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, startTestServer, type Tenant } from '../helpers/server.js';

/**
 * Every root field of the schema × every kind of caller → allowed or refused. A root field that
 * has no row here fails the test by name: whoever adds one decides who may call it.
 */
const hss = await startTestServer();

type Minimum = UserRole | 'ANYONE';
type Principal = { name: string; role: UserRole | null; token: () => Promise<string | null> };

/** The objects a row's variables may name. */
interface World {
  t: Tenant;
  serverId: string;
  quotaId: string;
  alarmId: string;
  findingId: string;
  userId: string;
  apiTokenId: string;
  whitelistEntryId: string;
}

interface Row {
  /** The whole operation; allowed callers get data, NOT_FOUND or BAD_USER_INPUT, never FORBIDDEN/UNAUTHENTICATED. */
  doc: string;
  /** Variables for a call in `w`. Unknown ids (random UUIDs) keep calls harmless. */
  vars?: (w: World) => Record<string, unknown>;
  min: Minimum;
  /** Variables naming another account's objects: the answer must be NOT_FOUND or nothing of theirs. */
  foreign?: (theirs: World) => Record<string, unknown>;
}

const fake = () => randomUUID();
const unique = () => randomUUID().slice(0, 8);

const MATRIX: Record<string, Row> = {
  // Queries
  'Query.viewer': { doc: '{ viewer { id } }', min: UserRole.VIEWER },
  'Query.regions': { doc: '{ regions { id } }', min: UserRole.VIEWER },
  'Query.editions': { doc: '{ editions { code } }', min: UserRole.VIEWER },
  'Query.overview': {
    doc: 'query($r: ID) { overview(regionId: $r) { serverCount } }',
    min: UserRole.VIEWER,
    foreign: (b) => ({ r: b.t.regionId }),
  },
  'Query.servers': {
    doc: 'query($r: ID) { servers(filter: { regionId: $r }) { totalCount edges { node { id } } } }',
    min: UserRole.VIEWER,
    foreign: (b) => ({ r: b.t.regionId }),
  },
  'Query.server': {
    doc: 'query($id: ID!) { server(id: $id) { id } }',
    vars: () => ({ id: fake() }),
    min: UserRole.VIEWER,
    foreign: (b) => ({ id: b.serverId }),
  },
  'Query.quotas': {
    doc: 'query($r: ID) { quotas(filter: { regionId: $r }) { totalCount edges { node { id } } } }',
    min: UserRole.VIEWER,
    foreign: (b) => ({ r: b.t.regionId }),
  },
  'Query.quota': {
    doc: 'query($id: ID!) { quota(id: $id) { id } }',
    vars: () => ({ id: fake() }),
    min: UserRole.VIEWER,
    foreign: (b) => ({ id: b.quotaId }),
  },
  'Query.findings': {
    doc: 'query($s: ID) { findings(filter: { serverId: $s }) { totalCount edges { node { id } } } }',
    min: UserRole.VIEWER,
    foreign: (b) => ({ s: b.serverId }),
  },
  'Query.findingTrend': {
    doc: 'query($r: ID) { findingTrend(regionId: $r, days: 2) { day critical high } }',
    min: UserRole.VIEWER,
    foreign: (b) => ({ r: b.t.regionId }),
  },
  'Query.alarms': {
    doc: 'query($s: ID) { alarms(filter: { serverId: $s }) { totalCount edges { node { id } } } }',
    min: UserRole.VIEWER,
    foreign: (b) => ({ s: b.serverId }),
  },
  'Query.alarmWhitelist': {
    doc: 'query($r: ID!) { alarmWhitelist(regionId: $r) { id } }',
    vars: (w) => ({ r: w.t.regionId }),
    min: UserRole.VIEWER,
    foreign: (b) => ({ r: b.t.regionId }),
  },
  'Query.serverAssets': {
    doc: 'query($s: ID!) { serverAssets(serverId: $s) { software { name } } }',
    vars: () => ({ s: fake() }),
    min: UserRole.VIEWER,
    foreign: (b) => ({ s: b.serverId }),
  },
  'Query.scanTasks': {
    doc: 'query($s: ID!) { scanTasks(serverId: $s) { id } }',
    vars: () => ({ s: fake() }),
    min: UserRole.VIEWER,
    foreign: (b) => ({ s: b.serverId }),
  },
  'Query.policy': {
    doc: 'query($r: ID!) { policy(regionId: $r) { regionId } }',
    vars: (w) => ({ r: w.t.regionId }),
    min: UserRole.VIEWER,
    foreign: (b) => ({ r: b.t.regionId }),
  },
  'Query.users': { doc: '{ users { totalCount edges { node { id } } } }', min: UserRole.ADMIN },
  'Query.apiTokens': { doc: '{ apiTokens { totalCount edges { node { id } } } }', min: UserRole.ADMIN },
  'Query.auditLogs': {
    doc: 'query($u: ID, $t: String) { auditLogs(filter: { userId: $u, targetId: $t }) { totalCount edges { node { id } } } }',
    min: UserRole.ADMIN,
    foreign: (b) => ({ u: b.userId, t: b.serverId }),
  },

  // Mutations: signing in and out
  'Mutation.login': {
    doc: 'mutation($i: LoginInput!) { login(input: $i) { token } }',
    vars: (w) => ({ i: { email: w.t.adminEmail, password: w.t.password } }),
    min: 'ANYONE',
  },
  'Mutation.logout': { doc: 'mutation { logout }', min: UserRole.VIEWER },
  'Mutation.changePassword': {
    // The same password twice: refused as BAD_USER_INPUT, after authentication, without changing anything.
    doc: 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { revokedSessions } }',
    vars: () => ({ i: { currentPassword: 'same-password-twice', newPassword: 'same-password-twice' } }),
    min: UserRole.VIEWER,
  },
  // Users and tokens
  'Mutation.createUser': {
    doc: 'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }',
    vars: () => ({ i: { email: `m-${unique()}@example.test`, displayName: 'm', role: 'VIEWER', password: 'a-long-password' } }),
    min: UserRole.ADMIN,
  },
  'Mutation.updateUserRole': {
    doc: 'mutation($i: UpdateUserRoleInput!) { updateUserRole(input: $i) { user { id } } }',
    vars: () => ({ i: { userId: fake(), role: 'VIEWER' } }),
    min: UserRole.ADMIN,
    foreign: (b) => ({ i: { userId: b.userId, role: 'ADMIN' } }),
  },
  'Mutation.deleteUser': {
    doc: 'mutation($i: DeleteUserInput!) { deleteUser(input: $i) { deletedUserId } }',
    vars: () => ({ i: { userId: fake() } }),
    min: UserRole.ADMIN,
    foreign: (b) => ({ i: { userId: b.userId } }),
  },
  'Mutation.createApiToken': {
    doc: 'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { apiToken { id } } }',
    vars: () => ({ i: { name: 'matrix', role: 'VIEWER' } }),
    min: UserRole.ADMIN,
  },
  'Mutation.revokeApiToken': {
    doc: 'mutation($i: RevokeApiTokenInput!) { revokeApiToken(input: $i) { apiToken { id } } }',
    vars: () => ({ i: { id: fake() } }),
    min: UserRole.ADMIN,
    foreign: (b) => ({ i: { id: b.apiTokenId } }),
  },
  // Servers, quotas, protection, scans
  'Mutation.registerServers': {
    doc: 'mutation($i: RegisterServersInput!) { registerServers(input: $i) { servers { id } } }',
    vars: (w) => ({
      i: { regionId: w.t.regionId, servers: [{ name: `m-${unique()}`, hostname: `m-${unique()}.test`, ips: [] }] },
    }),
    min: UserRole.OPERATOR,
    foreign: (b) => ({
      i: { regionId: b.t.regionId, servers: [{ name: `m-${unique()}`, hostname: `m-${unique()}.test`, ips: [] }] },
    }),
  },
  'Mutation.purchaseQuotas': {
    doc: 'mutation($i: PurchaseQuotasInput!) { purchaseQuotas(input: $i) { quotas { id } } }',
    vars: (w) => ({ i: { regionId: w.t.regionId, edition: 'BASIC', billingMode: 'YEARLY_MONTHLY', months: 1, count: 1 } }),
    min: UserRole.OPERATOR,
    foreign: (b) => ({ i: { regionId: b.t.regionId, edition: 'BASIC', billingMode: 'YEARLY_MONTHLY', months: 1, count: 1 } }),
  },
  'Mutation.enableProtection': {
    doc: 'mutation($i: EnableProtectionInput!) { enableProtection(input: $i) { server { id } } }',
    vars: () => ({ i: { serverId: fake(), edition: 'BASIC', billingMode: 'YEARLY_MONTHLY', acceptDisclaimer: true } }),
    min: UserRole.OPERATOR,
    foreign: (b) => ({ i: { serverId: b.serverId, edition: 'BASIC', billingMode: 'YEARLY_MONTHLY', acceptDisclaimer: true } }),
  },
  'Mutation.disableProtection': {
    doc: 'mutation($i: DisableProtectionInput!) { disableProtection(input: $i) { server { id } } }',
    vars: () => ({ i: { serverId: fake() } }),
    min: UserRole.OPERATOR,
    foreign: (b) => ({ i: { serverId: b.serverId } }),
  },
  'Mutation.bindQuota': {
    doc: 'mutation($i: BindQuotaInput!) { bindQuota(input: $i) { quota { id } } }',
    vars: () => ({ i: { quotaId: fake(), serverId: fake() } }),
    min: UserRole.OPERATOR,
    foreign: (b) => ({ i: { quotaId: b.quotaId, serverId: b.serverId } }),
  },
  'Mutation.unbindQuota': {
    doc: 'mutation($i: UnbindQuotaInput!) { unbindQuota(input: $i) { quota { id } } }',
    vars: () => ({ i: { quotaId: fake() } }),
    min: UserRole.OPERATOR,
    foreign: (b) => ({ i: { quotaId: b.quotaId } }),
  },
  'Mutation.startScan': {
    doc: 'mutation($i: StartScanInput!) { startScan(input: $i) { scanTask { id } } }',
    vars: () => ({ i: { serverId: fake() } }),
    min: UserRole.OPERATOR,
    foreign: (b) => ({ i: { serverId: b.serverId } }),
  },
  'Mutation.updatePolicy': {
    doc: 'mutation($i: UpdatePolicyInput!) { updatePolicy(input: $i) { regionId } }',
    vars: (w) => ({ i: { regionId: w.t.regionId, isolateMaliciousFiles: false } }),
    min: UserRole.OPERATOR,
    foreign: (b) => ({ i: { regionId: b.t.regionId, isolateMaliciousFiles: true } }),
  },
  // Agents
  'Mutation.createEnrollmentToken': {
    doc: 'mutation($i: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $i) { expiresAt } }',
    vars: (w) => ({ i: { regionId: w.t.regionId } }),
    min: UserRole.OPERATOR,
    foreign: (b) => ({ i: { regionId: b.t.regionId } }),
  },
  'Mutation.revokeAgent': {
    doc: 'mutation($i: RevokeAgentInput!) { revokeAgent(input: $i) { __typename } }',
    vars: () => ({ i: { serverId: fake() } }),
    min: UserRole.OPERATOR,
    foreign: (b) => ({ i: { serverId: b.serverId } }),
  },
  'Mutation.rotateAgentCredential': {
    doc: 'mutation($i: RotateAgentCredentialInput!) { rotateAgentCredential(input: $i) { __typename } }',
    vars: () => ({ i: { serverId: fake() } }),
    min: UserRole.OPERATOR,
    foreign: (b) => ({ i: { serverId: b.serverId } }),
  },
  // Alarms and findings
  'Mutation.handleAlarms': {
    doc: 'mutation($i: HandleAlarmsInput!) { handleAlarms(input: $i) { __typename } }',
    vars: () => ({ i: { alarmIds: [fake()], action: 'HANDLE' } }),
    min: UserRole.OPERATOR,
    foreign: (b) => ({ i: { alarmIds: [b.alarmId], action: 'WHITELIST' } }),
  },
  'Mutation.removeAlarmWhitelistEntry': {
    doc: 'mutation($i: RemoveAlarmWhitelistEntryInput!) { removeAlarmWhitelistEntry(input: $i) { id } }',
    vars: () => ({ i: { id: fake() } }),
    min: UserRole.OPERATOR,
    foreign: (b) => ({ i: { id: b.whitelistEntryId } }),
  },
  'Mutation.handleFindings': {
    doc: 'mutation($i: HandleFindingsInput!) { handleFindings(input: $i) { __typename } }',
    vars: () => ({ i: { findingIds: [fake()], action: 'IGNORE' } }),
    min: UserRole.OPERATOR,
    foreign: (b) => ({ i: { findingIds: [b.findingId], action: 'IGNORE' } }),
  },

  // Subscriptions: a fake region or server makes an allowed caller's answer immediate (NOT_FOUND).
  'Subscription.serverChanged': {
    doc: 'subscription($r: ID) { serverChanged(regionId: $r) { id } }',
    vars: () => ({ r: fake() }),
    min: UserRole.VIEWER,
    foreign: (b) => ({ r: b.t.regionId }),
  },
  'Subscription.agentStatusChanged': {
    doc: 'subscription($r: ID) { agentStatusChanged(regionId: $r) { serverId } }',
    vars: () => ({ r: fake() }),
    min: UserRole.VIEWER,
    foreign: (b) => ({ r: b.t.regionId }),
  },
  'Subscription.alarmRaised': {
    doc: 'subscription($r: ID) { alarmRaised(regionId: $r) { id } }',
    vars: () => ({ r: fake() }),
    min: UserRole.VIEWER,
    foreign: (b) => ({ r: b.t.regionId }),
  },
  'Subscription.scanProgress': {
    doc: 'subscription($s: ID!) { scanProgress(serverId: $s) { status } }',
    vars: () => ({ s: fake() }),
    min: UserRole.VIEWER,
    foreign: (b) => ({ s: b.serverId }),
  },
};

const RANK: Record<UserRole, number> = { [UserRole.VIEWER]: 0, [UserRole.OPERATOR]: 1, [UserRole.ADMIN]: 2 };
const allows = (min: Minimum, role: UserRole | null) => min === 'ANYONE' || (role !== null && RANK[role] >= RANK[min]);

/** The first answer to a subscription: its result, or the close that refused the connection. */
function firstOutcome(client: Client, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ data: { listening: true } }), 10_000);
    const done = (res: GraphQLResponse) => {
      clearTimeout(timer);
      resolve(res);
    };
    client.subscribe(
      { query, variables },
      {
        next: (value) => done(value as GraphQLResponse),
        error: (err) => {
          const e = err as { code?: number; reason?: string };
          if (typeof e?.code === 'number') {
            done({
              errors: [
                { message: String(e.reason), extensions: { code: e.code === 4403 ? 'UNAUTHENTICATED' : `CLOSE_${e.code}` } },
              ],
            });
          } else done({ errors: err as never });
        },
        complete: () => done({}),
      },
    );
  });
}

async function call(row: Row, vars: Record<string, unknown>, token: string | null): Promise<GraphQLResponse> {
  if (row.doc.startsWith('subscription')) return firstOutcome(hss.ws(token), row.doc, vars);
  return hss.gql(row.doc, vars, token ?? undefined);
}

const codesOf = (res: GraphQLResponse) => (res.errors ?? []).map((e) => String(e.extensions?.code));
const refused = (res: GraphQLResponse) => codesOf(res).some((c) => c === 'FORBIDDEN' || c === 'UNAUTHENTICATED');

async function insertAlarm(t: Tenant, serverId: string): Promise<string> {
  const [row] = await hss.sql<{ id: string }>(
    `insert into alarm (id, account_id, server_id, type, severity, title, occurred_at)
     values (gen_random_uuid(), ?, ?, 'BRUTE_FORCE', 'HIGH', 'matrix', now()) returning id`,
    [t.accountId, serverId],
  );
  return row!.id;
}

async function insertFinding(t: Tenant, serverId: string): Promise<string> {
  const [row] = await hss.sql<{ id: string }>(
    `insert into finding (id, account_id, server_id, type, severity, fingerprint, title, first_seen_at, last_seen_at)
     values (gen_random_uuid(), ?, ?, 'VULNERABILITY', 'HIGH', ?, 'matrix', now(), now()) returning id`,
    [t.accountId, serverId, `fp-${randomUUID()}`],
  );
  return row!.id;
}

/** A tenant with one of everything a row can name. */
async function world(name: string): Promise<World> {
  const t = await hss.createTenant(name);
  const [serverId] = await hss.registerServers(t, 1);
  const [quotaId] = await hss.purchaseQuotas(t, { edition: 'BASIC', count: 1 });
  const user = await hss.addUser(t, UserRole.OPERATOR);
  const [userRow] = await hss.sql<{ id: string }>('select id from app_user where email = ?', [user.adminEmail]);
  const token = await t.gql('mutation { createApiToken(input: { name: "w", role: VIEWER }) { apiToken { id } } }');
  const [entry] = await hss.sql<{ id: string }>(
    `insert into alarm_whitelist_entry (id, account_id, region_id, type, source_ip) values (gen_random_uuid(), ?, ?, 'BRUTE_FORCE', '192.0.2.1') returning id`,
    [t.accountId, t.regionId],
  );
  return {
    t,
    serverId: serverId!,
    quotaId: quotaId!,
    alarmId: await insertAlarm(t, serverId!),
    findingId: await insertFinding(t, serverId!),
    userId: userRow!.id,
    apiTokenId: token.data!.createApiToken.apiToken.id,
    whitelistEntryId: entry!.id,
  };
}

/** Root fields, and whether some argument (or input field, one level down) is an ID. */
async function rootFields(): Promise<{ name: string; takesId: boolean }[]> {
  const schema = await buildHssSchema();
  const takesId = (type: GraphQLInputType, depth = 0): boolean => {
    const named = getNamedType(type);
    if (named.name === 'ID') return true;
    return isInputObjectType(named) && depth < 3 && Object.values(named.getFields()).some((f) => takesId(f.type, depth + 1));
  };
  const out: { name: string; takesId: boolean }[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      out.push({ name: `${root!.name}.${field.name}`, takesId: field.args.some((a: GraphQLArgument) => takesId(a.type)) });
    }
  }
  return out;
}

describe('role × operation matrix', () => {
  let mine: World;
  let theirs: World;
  const principals: Principal[] = [];

  beforeAll(async () => {
    mine = await world('matrix-a');
    theirs = await world('matrix-b');
    const users = {
      [UserRole.ADMIN]: mine.t,
      [UserRole.OPERATOR]: await hss.addUser(mine.t, UserRole.OPERATOR),
      [UserRole.VIEWER]: await hss.addUser(mine.t, UserRole.VIEWER),
    };
    for (const role of [UserRole.ADMIN, UserRole.OPERATOR, UserRole.VIEWER]) {
      const user = users[role];
      // logout ends the session it is called with: every call signs in afresh.
      principals.push({
        name: `${role} user`,
        role,
        token: async () =>
          (
            await hss.gql<{ login: { token: string } }>('mutation($i: LoginInput!) { login(input: $i) { token } }', {
              i: { email: user.adminEmail, password: user.password },
            })
          ).data!.login.token,
      });
      const res = await mine.t.gql<{ createApiToken: { secret: string } }>(
        'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }',
        { i: { name: `matrix ${role}`, role } },
      );
      const secret = res.data!.createApiToken.secret;
      principals.push({ name: `${role} API token`, role, token: async () => secret });
    }
    principals.push({ name: 'anonymous', role: null, token: async () => null });
  });

  it('has a row for every root field of the schema, and none for fields that are gone', async () => {
    const fields = (await rootFields()).map((f) => f.name);
    const missing = fields.filter((f) => !MATRIX[f]);
    const stale = Object.keys(MATRIX).filter((f) => !fields.includes(f));
    expect(missing, `root fields without a row in test/server/role-matrix.test.ts MATRIX: ${missing.join(', ')}`).toEqual([]);
    expect(stale, `rows for root fields the schema no longer has: ${stale.join(', ')}`).toEqual([]);
  });

  it('allows exactly the callers the matrix names, and refuses the others with FORBIDDEN or UNAUTHENTICATED', async () => {
    const wrong: string[] = [];
    for (const [field, row] of Object.entries(MATRIX)) {
      for (const p of principals) {
        const res = await call(row, row.vars?.(mine) ?? {}, await p.token());
        const expected = allows(row.min, p.role);
        if (refused(res) === expected)
          wrong.push(
            `${field} as ${p.name}: expected ${expected ? 'allowed' : 'refused'}, got ${JSON.stringify(res).slice(0, 300)}`,
          );
        else if (!expected && p.role !== null && !codesOf(res).includes('FORBIDDEN'))
          wrong.push(`${field} as ${p.name}: refused with ${codesOf(res)} instead of FORBIDDEN`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("every root field that takes an id answers NOT_FOUND or nothing for another account's ids, and changes nothing of theirs", async () => {
    const fields = await rootFields();
    const missing = fields.filter((f) => f.takesId && !MATRIX[f.name]?.foreign).map((f) => f.name);
    expect(missing, `rows that take an id but have no "foreign" case: ${missing.join(', ')}`).toEqual([]);

    const tables = [
      'server',
      'quota',
      'alarm',
      'finding',
      'app_user',
      'api_token',
      'alarm_whitelist_entry',
      'policy',
      'enrollment_token',
      'scan_task',
      'audit_log',
      'session',
    ];
    const snapshot = async () => {
      const out: Record<string, unknown> = {};
      for (const table of tables)
        out[table] = await hss.sql(`select * from ${table} where account_id = ? order by id`, [theirs.t.accountId]);
      return out;
    };
    const before = await snapshot();
    const theirIds = [
      theirs.serverId,
      theirs.quotaId,
      theirs.alarmId,
      theirs.findingId,
      theirs.userId,
      theirs.apiTokenId,
      theirs.whitelistEntryId,
      theirs.t.regionId,
    ];
    const wrong: string[] = [];
    for (const [field, row] of Object.entries(MATRIX)) {
      if (!row.foreign) continue;
      const res = await call(row, row.foreign(theirs), mine.t.token);
      const codes = codesOf(res);
      const shown = JSON.stringify(res).slice(0, 300);
      if (codes.length && !codes.every((c) => c === 'NOT_FOUND')) wrong.push(`${field}: ${shown}`);
      if (!codes.length && theirIds.some((id) => JSON.stringify(res.data).includes(id))) wrong.push(`${field} leaked: ${shown}`);
      // A's own objects are elsewhere: every count in an answer about B's objects is 0.
      if (!codes.length && /":[1-9]/.test(JSON.stringify(res.data))) wrong.push(`${field} counted theirs: ${shown}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
    // Lists without arguments never show their users or tokens.
    const lists = JSON.stringify(
      (await mine.t.gql('{ users { edges { node { id } } } apiTokens { edges { node { id } } } }')).data,
    );
    expect(lists).not.toContain(theirs.userId);
    expect(lists).not.toContain(theirs.apiTokenId);
  });
});
