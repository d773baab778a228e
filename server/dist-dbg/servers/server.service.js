import { Region } from '../accounts/region.entity.js';
import { authorize, Permission } from '../auth/permissions.js';
import { badInput, notFound } from '../common/errors.js';
import { assertId } from '../common/ids.js';
import { keysetPage } from '../common/pagination.js';
import { Topic } from '../events/topics.js';
import { Server } from './server.entity.js';
import { ServerOrderField } from './server.inputs.js';
const SORT_KEYS = {
    [ServerOrderField.NAME]: { name: 'NAME', property: 'name', column: 'name', cast: 'text', valueOf: (s) => s.name },
    [ServerOrderField.CREATED_AT]: {
        name: 'CREATED_AT',
        property: 'createdAt',
        column: 'created_at',
        cast: 'timestamptz',
        valueOf: (s) => s.createdAt,
    },
    [ServerOrderField.RISK]: {
        name: 'RISK',
        property: 'riskScore',
        column: 'risk_score',
        cast: 'int',
        valueOf: (s) => s.riskScore,
    },
};
function escapeLike(text) {
    return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
export class ServerService {
    constructor(audit, events) {
        this.audit = audit;
        this.events = events;
    }
    async list(ctx, filter, order, page) {
        const viewer = authorize(ctx.viewer, Permission.READ);
        const qb = ctx.em.createQueryBuilder(Server, 's').where({ account: viewer.accountId });
        if (filter.regionId)
            qb.andWhere({ region: filter.regionId });
        if (filter.agentStatus?.length)
            qb.andWhere({ agentStatus: { $in: filter.agentStatus } });
        if (filter.protectionStatus?.length)
            qb.andWhere({ protectionStatus: { $in: filter.protectionStatus } });
        if (filter.detectionResult?.length)
            qb.andWhere({ detectionResult: { $in: filter.detectionResult } });
        if (filter.edition?.length)
            qb.andWhere({ edition: { $in: filter.edition } });
        const search = filter.search?.trim().toLowerCase();
        if (search)
            qb.andWhere(`s.search_text like ?`, [`%${escapeLike(search)}%`]);
        return keysetPage(qb, 's', SORT_KEYS[order.field], order.direction, page);
    }
    async get(ctx, id) {
        const viewer = authorize(ctx.viewer, Permission.READ);
        const server = await ctx.em.findOne(Server, { id: assertId(id, 'id'), account: viewer.accountId });
        if (!server)
            throw notFound('Server', id);
        return server;
    }
    /** Pre-registers servers that have no agent yet, as an import from a CMDB would. */
    async register(ctx, input) {
        const viewer = authorize(ctx.viewer, Permission.MANAGE_SERVERS);
        const hostnames = input.servers.map((s) => s.hostname.toLowerCase());
        const repeated = hostnames.filter((h, i) => hostnames.indexOf(h) !== i);
        if (repeated.length) {
            throw badInput(`Hostnames must be unique within one import; repeated: ${[...new Set(repeated)].slice(0, 10).join(', ')}.`);
        }
        const servers = await ctx.em.transactional(async (tx) => {
            const region = await tx.findOne(Region, { id: input.regionId, account: viewer.accountId });
            if (!region)
                throw notFound('Region', input.regionId);
            const existing = await tx.find(Server, { account: viewer.accountId, region: region.id, hostname: { $in: hostnames } }, { fields: ['hostname'] });
            if (existing.length) {
                throw badInput(`These hostnames are already registered in region ${region.code}: ${existing
                    .map((s) => s.hostname)
                    .slice(0, 10)
                    .join(', ')}. Remove them from the import.`);
            }
            return input.servers.map((item) => {
                const server = new Server();
                server.account = region.account;
                server.region = tx.getReference(Region, region.id, { wrapped: true });
                server.name = item.name.trim();
                server.hostname = item.hostname.toLowerCase();
                server.ips = item.ips;
                server.osType = item.osType;
                server.osName = item.osName ?? null;
                server.osVersion = item.osVersion ?? null;
                server.architecture = item.architecture ?? null;
                server.hosting = item.hosting;
                server.group = item.group ?? null;
                tx.persist(server);
                this.audit.record(tx, ctx, viewer.accountId, {
                    action: 'REGISTER_SERVER',
                    targetType: 'Server',
                    targetId: server.id,
                    after: { name: server.name, hostname: server.hostname, ips: server.ips, regionId: region.id },
                });
                return server;
            });
        });
        for (const server of servers) {
            this.events.publish(Topic.SERVER_CHANGED, {
                accountId: viewer.accountId,
                regionId: input.regionId,
                serverId: server.id,
                change: 'REGISTERED',
                protectionStatus: server.protectionStatus,
            });
        }
        return servers;
    }
}
//# sourceMappingURL=server.service.js.map