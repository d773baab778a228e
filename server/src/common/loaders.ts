import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Region } from '../accounts/region.entity.js';
import { User } from '../accounts/user.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { ApiToken } from '../api-tokens/api-token.entity.js';
import { Edition } from '../editions/edition.entity.js';
import { type FindingCounts, loadOpenFindingCounts } from '../findings/finding-counts.js';
import { Quota } from '../quotas/quota.entity.js';
import { Server } from '../servers/server.entity.js';

/** Orders `rows` like `keys`, with null where a key has no row. */
export function alignByKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/**
 * The per-request batch loaders behind every nested field. Each one is one SQL statement per
 * tick however many parents ask, and each is scoped to the caller's account.
 */
export class Loaders {
  constructor(
    private readonly em: EntityManager,
    private readonly accountId: string | null,
  ) {}

  private scoped<K, V>(load: (keys: readonly K[], accountId: string) => Promise<(V | null)[]>) {
    return new DataLoader<K, V | null>(async (keys) => (this.accountId ? load(keys, this.accountId) : keys.map(() => null)));
  }

  readonly serverById = this.scoped<string, Server>(async (ids, accountId) =>
    alignByKey(ids, await this.em.find(Server, { id: { $in: [...ids] }, account: accountId }), (s) => s.id),
  );

  readonly regionById = this.scoped<string, Region>(async (ids, accountId) =>
    alignByKey(ids, await this.em.find(Region, { id: { $in: [...ids] }, account: accountId }), (r) => r.id),
  );

  readonly userById = this.scoped<string, User>(async (ids, accountId) =>
    alignByKey(ids, await this.em.find(User, { id: { $in: [...ids] }, account: accountId }), (u) => u.id),
  );

  readonly apiTokenById = this.scoped<string, ApiToken>(async (ids, accountId) =>
    alignByKey(ids, await this.em.find(ApiToken, { id: { $in: [...ids] }, account: accountId }), (t) => t.id),
  );

  readonly editionByCode = new DataLoader<string, Edition | null>(async (codes) =>
    alignByKey(codes, await this.em.find(Edition, { code: { $in: [...codes] } as never }), (e) => e.code),
  );

  readonly agentByServerId = this.scoped<string, Agent>(async (serverIds, accountId) =>
    alignByKey(serverIds, await this.em.find(Agent, { server: { $in: [...serverIds] }, account: accountId }), (a) => a.server.id),
  );

  readonly quotaByServerId = this.scoped<string, Quota>(async (serverIds, accountId) =>
    alignByKey(
      serverIds,
      await this.em.find(Quota, { server: { $in: [...serverIds] }, account: accountId }),
      (q) => q.server?.id ?? '',
    ),
  );

  readonly openFindingCountsByServerId = this.scoped<string, FindingCounts>((serverIds, accountId) =>
    loadOpenFindingCounts(this.em, accountId, serverIds),
  );
}
