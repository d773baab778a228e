import { randomUUID } from 'node:crypto';
import { MessageType, UserRole } from '@hss/schema';
import { openOrm } from '@hss/server';
import { describe, expect, it } from 'vitest';
import { type AgentClient, connectAgent, hostFacts } from '../helpers/agent-client.js';
import { emptyDatabase } from '../helpers/database.js';
import { expectError, expectOk } from '../helpers/expect.js';
import { type GraphQLResponse, startTestServer, type Tenant } from '../helpers/server.js';

const hss = await startTestServer({ gateway: {} });
const gatewayUrl = hss.app.gateway!.url;

const UPDATE = `mutation($i: UpdatePolicyInput!) {
  updatePolicy(input: $i) { version updatedAt updatedBy { id displayName } bruteForce { threshold } fimPaths } }`;
const AUTHOR = 'query($r: ID!) { policy(regionId: $r) { version updatedAt updatedBy { id displayName } } }';
const AGENTS = `query($r: ID!, $first: Int! = 20, $after: String, $status: [AgentStatus!], $upToDate: Boolean) {
  policy(regionId: $r) {
    version
    acknowledgedBy
    agents(first: $first, after: $after, agentStatus: $status, upToDate: $upToDate) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { server { id name } agentStatus appliedVersion upToDate } }
    }
  }
}`;

interface AgentRow {
  server: { id: string; name: string };
  agentStatus: string;
  appliedVersion: number | null;
  upToDate: boolean;
}
interface AgentsAnswer {
  policy: {
    version: number;
    acknowledgedBy: number;
    agents: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: AgentRow }[] };
  };
}

const bruteForce = (threshold: number) => ({ bruteForce: { threshold, windowSeconds: 30, blockSeconds: 600 } });

async function me(user: Tenant): Promise<{ id: string; displayName: string }> {
  return expectOk(await user.gql<{ viewer: { id: string; displayName: string } }>('{ viewer { id displayName } }')).viewer;
}

interface Enrolled {
  agent: AgentClient;
  serverId: string;
  /** The POLICY message the gateway sent on enrolment, not acknowledged yet. */
  initialPolicyId: string;
}

async function enroll(t: Tenant, hostname: string, regionId = t.regionId): Promise<Enrolled> {
  const res = await t.gql<{ createEnrollmentToken: { token: string } }>(
    'mutation($i: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $i) { token } }',
    { i: { regionId } },
  );
  const agent = await connectAgent(gatewayUrl);
  agent.send(MessageType.ENROLL, { token: expectOk(res).createEnrollmentToken.token, host: hostFacts({ hostname }) });
  const welcome = await agent.next(MessageType.WELCOME);
  const policy = await agent.next(MessageType.POLICY);
  return { agent, serverId: welcome.payload.serverId, initialPolicyId: policy.id };
}

async function agentsOf(t: Tenant, vars: Record<string, unknown> = {}): Promise<AgentsAnswer['policy']> {
  return expectOk(await t.gql<AgentsAnswer>(AGENTS, { r: t.regionId, ...vars })).policy;
}

/** Polls until `check` holds for the answer (agents report over their own socket, asynchronously). */
async function until(t: Tenant, check: (p: AgentsAnswer['policy']) => boolean, vars: Record<string, unknown> = {}) {
  let last: AgentsAnswer['policy'] | undefined;
  for (let i = 0; i < 200; i++) {
    last = await agentsOf(t, vars);
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never happened; last answer: ${JSON.stringify(last)}`);
}

async function auditCount(t: Tenant): Promise<number> {
  const [row] = await hss.sql<{ n: number }>(
    `select count(*)::int as n from audit_log where account_id = ? and action = 'UPDATE_POLICY'`,
    [t.accountId],
  );
  return row!.n;
}

describe('changing a policy that someone else changed meanwhile', () => {
  it('of changes based on the same version sent at once, exactly one is saved; the others are refused with the current version', async () => {
    const t = await hss.createTenant();
    const people = [t, await hss.addUser(t, UserRole.OPERATOR), await hss.addUser(t, UserRole.ADMIN)];
    const names = new Map(await Promise.all(people.map(async (p) => [(await me(p)).id, (await me(p)).displayName] as const)));
    // The first round creates the region's policy row, the second changes it.
    for (const expectedVersion of [0, 1]) {
      const results = await Promise.all(
        people.flatMap((p, i) =>
          [0, 1].map((j) =>
            p.gql<{ updatePolicy: { version: number; updatedBy: { id: string }; bruteForce: { threshold: number } } }>(UPDATE, {
              i: { regionId: t.regionId, expectedVersion, ...bruteForce(10 + i * 2 + j) },
            }),
          ),
        ),
      );
      const saved = results.filter((r) => !r.errors);
      expect(saved, JSON.stringify(results)).toHaveLength(1);
      const winner = saved[0]!.data!.updatePolicy;
      expect(winner.version).toBe(expectedVersion + 1);
      for (const refused of results.filter((r) => r.errors)) {
        const error = expectError(refused, 'BAD_USER_INPUT');
        expect(error.extensions).toMatchObject({ currentVersion: expectedVersion + 1, field: 'expectedVersion' });
        expect(error.message).toBe(
          `The policy of region Default changed since you loaded it (now version ${expectedVersion + 1}, saved by ${names.get(winner.updatedBy.id)}; you had ${expectedVersion}): reload it and apply your change again.`,
        );
      }
      // What is stored is the winner's change, and only it was audited.
      const now = expectOk(
        await t.gql<{ policy: { version: number; bruteForce: { threshold: number } } }>(
          'query($r: ID!) { policy(regionId: $r) { version bruteForce { threshold } } }',
          { r: t.regionId },
        ),
      ).policy;
      expect(now).toEqual({ version: expectedVersion + 1, bruteForce: { threshold: winner.bruteForce.threshold } });
      expect(await auditCount(t)).toBe(expectedVersion + 1);
    }
  });

  it('refuses a version that is not the current one (older or newer) and changes nothing', async () => {
    const t = await hss.createTenant();
    // Before the first change there is no row; a refused first change must not leave one behind.
    const refusedFirst = await t.gql(UPDATE, { i: { regionId: t.regionId, expectedVersion: 3, ...bruteForce(9) } });
    expect(expectError(refusedFirst, 'BAD_USER_INPUT').message).toBe(
      'The policy of region Default changed since you loaded it (now version 0; you had 3): reload it and apply your change again.',
    );
    expect(await hss.sql('select 1 from policy where account_id = ?', [t.accountId])).toHaveLength(0);

    expectOk(await t.gql(UPDATE, { i: { regionId: t.regionId, expectedVersion: 0, fimPaths: ['/etc/hosts'] } }));
    const [before] = await hss.sql('select * from policy where account_id = ?', [t.accountId]);
    for (const expectedVersion of [0, 2, 99]) {
      const res = await t.gql(UPDATE, { i: { regionId: t.regionId, expectedVersion, ...bruteForce(9) } });
      expect(expectError(res, 'BAD_USER_INPUT').extensions).toMatchObject({ currentVersion: 1 });
    }
    expect(
      expectError(await t.gql(UPDATE, { i: { regionId: t.regionId, expectedVersion: -1 } }), 'BAD_USER_INPUT').message,
    ).toMatch(/expectedVersion/);
    expect(await hss.sql('select * from policy where account_id = ?', [t.accountId])).toEqual([before]);
    expect(await auditCount(t)).toBe(1);

    const saved = expectOk(
      await t.gql<{ updatePolicy: { version: number; fimPaths: string[] } }>(UPDATE, {
        i: { regionId: t.regionId, expectedVersion: 1, ...bruteForce(9) },
      }),
    );
    // Sections left out keep the value the first change gave them.
    expect(saved.updatePolicy).toMatchObject({ version: 2, fimPaths: ['/etc/hosts'] });
  });

  it('without expectedVersion, changes sent at once are all applied, one after the other (as integrations expect)', async () => {
    const t = await hss.createTenant();
    const results = await Promise.all(
      [3, 4, 5, 6, 7].map((threshold) =>
        t.gql<{ updatePolicy: { version: number } }>(UPDATE, { i: { regionId: t.regionId, ...bruteForce(threshold) } }),
      ),
    );
    const versions = results.map((r) => expectOk(r).updatePolicy.version).sort();
    expect(versions).toEqual([1, 2, 3, 4, 5]);
    expect(await auditCount(t)).toBe(5);
  });
});

describe('who changed a policy, and when', () => {
  it('is nobody for the defaults, then the person who saved the current version; a deleted author leaves the time', async () => {
    const t = await hss.createTenant();
    const operator = await hss.addUser(t, UserRole.OPERATOR);
    const author = (r: GraphQLResponse) => expectOk<{ policy: Record<string, unknown> }>(r as never).policy;
    expect(author(await t.gql(AUTHOR, { r: t.regionId }))).toEqual({ version: 0, updatedAt: null, updatedBy: null });

    const before = Date.now();
    const saved = expectOk(
      await operator.gql<{ updatePolicy: { updatedAt: string; updatedBy: { id: string } } }>(UPDATE, {
        i: { regionId: t.regionId, ...bruteForce(4) },
      }),
    ).updatePolicy;
    const after = Date.now();
    expect(saved.updatedBy).toEqual(await me(operator));
    const at = Date.parse(saved.updatedAt);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(after);
    expect(author(await t.gql(AUTHOR, { r: t.regionId }))).toEqual({
      version: 1,
      updatedAt: saved.updatedAt,
      updatedBy: saved.updatedBy,
    });

    // The next change names its own author.
    const admin = await me(t);
    const next = expectOk(
      await t.gql<{ updatePolicy: { updatedBy: unknown } }>(UPDATE, { i: { regionId: t.regionId, isolateMaliciousFiles: true } }),
    );
    expect(next.updatePolicy.updatedBy).toEqual(admin);

    // An API token acts for the person who created it.
    const secret = expectOk(
      await t.gql<{ createApiToken: { secret: string } }>(
        'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }',
        { i: { name: 'ci', role: 'OPERATOR' } },
      ),
    ).createApiToken.secret;
    const byToken = expectOk(
      await hss.gql<{ updatePolicy: { updatedBy: unknown } }>(UPDATE, { i: { regionId: t.regionId, ...bruteForce(6) } }, secret),
    );
    expect(byToken.updatePolicy.updatedBy).toEqual(admin);

    // Once the author is deleted the policy keeps its time, with nobody to name.
    const third = expectOk(
      await operator.gql<{ updatePolicy: { updatedAt: string } }>(UPDATE, { i: { regionId: t.regionId, ...bruteForce(8) } }),
    ).updatePolicy;
    expectOk(
      await t.gql('mutation($i: DeleteUserInput!) { deleteUser(input: $i) { deletedUserId } }', {
        i: { userId: (await me(operator)).id },
      }),
    );
    expect(author(await t.gql(AUTHOR, { r: t.regionId }))).toEqual({ version: 4, updatedAt: third.updatedAt, updatedBy: null });
  });

  it('the migration names the author of policies saved before it, from their audit rows', async () => {
    const orm = await openOrm({ databaseUrl: await emptyDatabase(), poolMax: 2 });
    try {
      await orm.getMigrator().up({ to: 'Migration20261121220000AgentProtocol' });
      const sql = (text: string, params: unknown[] = []) => orm.em.getConnection().execute(text, params);
      const [account, region, other, alice, bob] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      await sql(`insert into account (id, name) values (?, 'old')`, [account]);
      await sql(`insert into region (id, account_id, code, name) values (?, ?, 'default', 'Default'), (?, ?, 'eu', 'EU')`, [
        region,
        account,
        other,
        account,
      ]);
      await sql(
        `insert into app_user (id, account_id, email, display_name, password_hash) values (?, ?, 'alice@example.test', 'Alice', 'x'), (?, ?, 'bob@example.test', 'Bob', 'x')`,
        [alice, account, bob, account],
      );
      await sql(
        `insert into policy (id, account_id, region_id, version, document) values (?, ?, ?, 2, '{}'), (?, ?, ?, 1, '{}')`,
        [randomUUID(), account, region, randomUUID(), account, other],
      );
      // Alice saved version 1 and Bob version 2 of the default region; the EU policy's audit row is gone.
      await sql(
        `insert into audit_log (id, account_id, user_id, action, target_type, target_id, after) values
          (?, ?, ?, 'UPDATE_POLICY', 'Region', ?, '{"version": 1}'), (?, ?, ?, 'UPDATE_POLICY', 'Region', ?, '{"version": 2}')`,
        [randomUUID(), account, alice, region, randomUUID(), account, bob, region],
      );
      await orm.getMigrator().up();
      const rows = await sql('select region_id, updated_by_id from policy order by version');
      expect(rows).toEqual([
        { region_id: other, updated_by_id: null },
        { region_id: region, updated_by_id: bob },
      ]);
    } finally {
      await orm.close();
    }
  });
});

describe("a policy's agents", () => {
  it('lists the region’s agents with the version each applied, filtered and paged, never another region’s or account’s', async () => {
    const t = await hss.createTenant('agents', ['eu']);
    const other = await hss.createTenant();
    const alpha = await enroll(t, 'alpha');
    const bravo = await enroll(t, 'bravo');
    const charlie = await enroll(t, 'charlie');
    const inEu = await enroll(t, 'delta-eu', t.regions.eu);
    const theirs = await enroll(other, 'alpha-theirs');
    alpha.agent.send(MessageType.ACK, { ackId: alpha.initialPolicyId });
    theirs.agent.send(MessageType.ACK, { ackId: theirs.initialPolicyId });

    // Alpha applied the defaults (version 0); bravo and charlie never acknowledged anything.
    let policy = await until(t, (p) => p.acknowledgedBy === 1);
    expect(policy.agents.edges.map((e) => e.node)).toEqual([
      { server: { id: alpha.serverId, name: 'alpha' }, agentStatus: 'ONLINE', appliedVersion: 0, upToDate: true },
      { server: { id: bravo.serverId, name: 'bravo' }, agentStatus: 'ONLINE', appliedVersion: null, upToDate: false },
      { server: { id: charlie.serverId, name: 'charlie' }, agentStatus: 'ONLINE', appliedVersion: null, upToDate: false },
    ]);

    // A new version: alpha and charlie apply it, bravo does not.
    expectOk(await t.gql(UPDATE, { i: { regionId: t.regionId, expectedVersion: 0, ...bruteForce(3) } }));
    for (const a of [alpha, charlie]) {
      const pushed = await a.agent.next(MessageType.POLICY);
      expect(pushed.payload.version).toBe(1);
      a.agent.send(MessageType.ACK, { ackId: pushed.id });
    }
    expect((await bravo.agent.next(MessageType.POLICY)).payload.version).toBe(1);
    policy = await until(t, (p) => p.acknowledgedBy === 2);
    expect(policy.version).toBe(1);
    expect(policy.agents.totalCount).toBe(3);
    expect(policy.agents.edges.map((e) => [e.node.server.name, e.node.appliedVersion, e.node.upToDate])).toEqual([
      ['alpha', 1, true],
      ['bravo', null, false],
      ['charlie', 1, true],
    ]);

    const names = (p: AgentsAnswer['policy']) => p.agents.edges.map((e) => e.node.server.name);
    expect(names(await agentsOf(t, { upToDate: false }))).toEqual(['bravo']);
    expect(names(await agentsOf(t, { upToDate: true }))).toEqual(['alpha', 'charlie']);
    expect((await agentsOf(t, { upToDate: true })).agents.totalCount).toBe(2);

    // Pages of one, in server-name order.
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: AgentsAnswer['policy'] = await agentsOf(t, { first: 1, after });
      expect(page.agents.totalCount).toBe(3);
      seen.push(...names(page));
      if (!page.agents.pageInfo.hasNextPage) break;
      after = page.agents.pageInfo.endCursor;
    }
    expect(seen).toEqual(['alpha', 'bravo', 'charlie']);

    // A stopped agent is listed as OFFLINE; a revoked one is no longer the region's agent.
    bravo.agent.close();
    await until(t, (p) => names(p).join() === 'bravo', { status: ['OFFLINE'] });
    expectOk(
      await t.gql('mutation($i: RevokeAgentInput!) { revokeAgent(input: $i) { server { id } } }', {
        i: { serverId: charlie.serverId },
      }),
    );
    policy = await agentsOf(t);
    expect(policy.agents.edges.map((e) => [e.node.server.name, e.node.agentStatus])).toEqual([
      ['alpha', 'ONLINE'],
      ['bravo', 'OFFLINE'],
    ]);

    // The other region and the other account see only their own agents.
    const eu = expectOk(await t.gql<AgentsAnswer>(AGENTS, { r: t.regions.eu })).policy;
    expect(names(eu)).toEqual(['delta-eu']);
    expect(eu.agents.edges[0]!.node.server.id).toBe(inEu.serverId);
    const theirView = await until(other, (p) => p.acknowledgedBy === 1);
    expect(theirView.agents.edges.map((e) => e.node)).toEqual([
      { server: { id: theirs.serverId, name: 'alpha-theirs' }, agentStatus: 'ONLINE', appliedVersion: 0, upToDate: true },
    ]);
    const mine = JSON.stringify(await agentsOf(t));
    expect(mine).not.toContain(theirs.serverId);
    expectError(await other.gql(AGENTS, { r: t.regionId }), 'NOT_FOUND');

    for (const a of [alpha, charlie, inEu, theirs]) a.agent.close();
  });

  it('costs the same few SQL statements for a page of 2 agents and a page of 8', async () => {
    const t = await hss.createTenant();
    const enrolled = [];
    for (let i = 0; i < 8; i++) enrolled.push(await enroll(t, `host-${i}`));
    const measure = async (first: number) => {
      hss.resetQueries();
      const policy = await agentsOf(t, { first });
      expect(policy.agents.edges).toHaveLength(first);
      return [...hss.queries];
    };
    await agentsOf(t); // the first request of a session also records when it was used
    const two = await measure(2);
    const eight = await measure(8);
    expect(eight.length, eight.join('\n')).toBe(two.length);
    // Authentication, the region, its policy, the acknowledged count, then the page, its count and its agents.
    expect(eight.length, eight.join('\n')).toBeLessThanOrEqual(8);
    for (const e of enrolled) e.agent.close();
  });
});
