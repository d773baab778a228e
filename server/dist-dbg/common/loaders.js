import DataLoader from 'dataloader';
import { Region } from '../accounts/region.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { Edition } from '../editions/edition.entity.js';
import { loadOpenFindingCounts } from '../findings/finding-counts.js';
import { Quota } from '../quotas/quota.entity.js';
import { Server } from '../servers/server.entity.js';
/** Orders `rows` like `keys`, with null where a key has no row. */
export function alignByKey(keys, rows, keyOf) {
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
}
/**
 * The per-request batch loaders behind every nested field. Each one is one SQL statement per
 * tick however many parents ask, and each is scoped to the caller's account.
 */
export class Loaders {
    constructor(em, accountId) {
        this.em = em;
        this.accountId = accountId;
        this.serverById = this.scoped(async (ids, accountId) => alignByKey(ids, await this.em.find(Server, { id: { $in: [...ids] }, account: accountId }), (s) => s.id));
        this.regionById = this.scoped(async (ids, accountId) => alignByKey(ids, await this.em.find(Region, { id: { $in: [...ids] }, account: accountId }), (r) => r.id));
        this.editionByCode = new DataLoader(async (codes) => alignByKey(codes, await this.em.find(Edition, { code: { $in: [...codes] } }), (e) => e.code));
        this.agentByServerId = this.scoped(async (serverIds, accountId) => alignByKey(serverIds, await this.em.find(Agent, { server: { $in: [...serverIds] }, account: accountId }), (a) => a.server.id));
        this.quotaByServerId = this.scoped(async (serverIds, accountId) => alignByKey(serverIds, await this.em.find(Quota, { server: { $in: [...serverIds] }, account: accountId }), (q) => q.server?.id ?? ''));
        this.openFindingCountsByServerId = this.scoped((serverIds, accountId) => loadOpenFindingCounts(this.em, accountId, serverIds));
    }
    scoped(load) {
        return new DataLoader(async (keys) => (this.accountId ? load(keys, this.accountId) : keys.map(() => null)));
    }
}
//# sourceMappingURL=loaders.js.map