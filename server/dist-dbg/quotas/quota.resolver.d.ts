import { QuotaStatus } from '@hss/schema';
import { Region } from '../accounts/region.entity.js';
import type { RequestContext } from '../common/request-context.js';
import { Edition } from '../editions/edition.entity.js';
import { PageArgs } from '../graphql/connection.js';
import { Server } from '../servers/server.entity.js';
import { Quota } from './quota.entity.js';
import { PurchaseQuotasInput, PurchaseQuotasPayload, QuotaFilter } from './quota.inputs.js';
import type { QuotaService } from './quota.service.js';
export declare const QuotaConnection: import("type-graphql").ClassType<import("../graphql/connection.js").Connection<Quota>>;
declare class QuotasArgs extends PageArgs {
    filter?: QuotaFilter | null;
}
export declare class QuotaResolver {
    private readonly quotaService;
    constructor(quotaService: QuotaService);
    quotas(args: QuotasArgs, ctx: RequestContext): Promise<import("../graphql/connection.js").Connection<Quota>>;
    quota(id: string, ctx: RequestContext): Promise<Quota>;
    purchaseQuotas(input: PurchaseQuotasInput, ctx: RequestContext): Promise<PurchaseQuotasPayload>;
    status(quota: Quota): QuotaStatus;
    edition(quota: Quota, ctx: RequestContext): Promise<Edition | null>;
    region(quota: Quota, ctx: RequestContext): Promise<Region | null>;
    server(quota: Quota, ctx: RequestContext): Promise<Server | null>;
}
export {};
