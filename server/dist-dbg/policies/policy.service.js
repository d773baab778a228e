import { AgentStatus } from '@hss/schema';
import { LockMode } from '@mikro-orm/core';
import { Region } from '../accounts/region.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { Permission, authorize } from '../auth/permissions.js';
import { notFound } from '../common/errors.js';
import { assertId } from '../common/ids.js';
import { Topic } from '../events/topics.js';
import { DEFAULT_POLICY } from './policy.document.js';
import { Policy } from './policy.entity.js';
/** Policies per region: read and changed through GraphQL, pushed by the gateway to agents. */
export class PolicyService {
    constructor(audit, events) {
        this.audit = audit;
        this.events = events;
    }
    /** The region's policy; the defaults (version 0) until someone changes it. */
    async current(em, accountId, regionId) {
        const policy = await em.findOne(Policy, { account: accountId, region: regionId });
        return policy ? { version: policy.version, document: policy.document } : { version: 0, document: DEFAULT_POLICY };
    }
    async get(ctx, regionId) {
        const viewer = authorize(ctx.viewer, Permission.READ);
        const region = await this.region(ctx, viewer.accountId, regionId);
        return this.view(ctx.em, viewer.accountId, region.id, await this.current(ctx.em, viewer.accountId, region.id));
    }
    async update(ctx, input) {
        const viewer = authorize(ctx.viewer, Permission.MANAGE_PROTECTION);
        const region = await this.region(ctx, viewer.accountId, input.regionId);
        const saved = await ctx.em.transactional(async (tx) => {
            let policy = await tx.findOne(Policy, { account: viewer.accountId, region: region.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
            const before = policy?.document ?? DEFAULT_POLICY;
            const document = {
                loginProtection: input.loginProtection ? { ...input.loginProtection } : before.loginProtection,
                bruteForce: input.bruteForce ? { ...input.bruteForce } : before.bruteForce,
                fimPaths: input.fimPaths ?? before.fimPaths,
                webTamper: input.webTamper ? { ...input.webTamper } : before.webTamper,
                isolateMaliciousFiles: input.isolateMaliciousFiles ?? before.isolateMaliciousFiles,
            };
            if (!policy) {
                policy = new Policy();
                policy.account = region.account;
                policy.region = tx.getReference(Region, region.id, { wrapped: true });
                policy.version = 1;
                tx.persist(policy);
            }
            else {
                policy.version += 1;
            }
            policy.document = document;
            this.audit.record(tx, ctx, viewer.accountId, {
                action: 'UPDATE_POLICY',
                targetType: 'Region',
                targetId: region.id,
                before: before,
                after: { ...document, version: policy.version },
            });
            return { version: policy.version, document };
        });
        this.events.publish(Topic.POLICY_CHANGED, { accountId: viewer.accountId, regionId: region.id, version: saved.version });
        return this.view(ctx.em, viewer.accountId, region.id, saved);
    }
    /** The agent applied `version`; versions only move forward. */
    async recordAck(em, agentId, version) {
        await em.execute('update agent set policy_version = ? where id = ? and (policy_version is null or policy_version < ?)', [
            version,
            agentId,
            version,
        ]);
    }
    async region(ctx, accountId, regionId) {
        const region = await ctx.em.findOne(Region, { id: assertId(regionId, 'regionId'), account: accountId });
        if (!region)
            throw notFound('Region', regionId);
        return region;
    }
    async view(em, accountId, regionId, current) {
        const acknowledgedBy = await em.count(Agent, {
            account: accountId,
            policyVersion: { $gte: current.version },
            server: { region: regionId, agentStatus: AgentStatus.ONLINE },
        });
        return { regionId, version: current.version, ...structuredClone(current.document), acknowledgedBy };
    }
}
//# sourceMappingURL=policy.service.js.map