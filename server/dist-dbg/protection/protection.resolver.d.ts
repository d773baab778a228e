import type { RequestContext } from '../common/request-context.js';
import { BindQuotaInput, BindQuotaPayload, DisableProtectionInput, DisableProtectionPayload, EnableProtectionInput, EnableProtectionPayload, UnbindQuotaInput, UnbindQuotaPayload } from './protection.inputs.js';
import type { ProtectionService } from './protection.service.js';
export declare class ProtectionResolver {
    private readonly protection;
    constructor(protection: ProtectionService);
    enableProtection(input: EnableProtectionInput, ctx: RequestContext): Promise<EnableProtectionPayload>;
    disableProtection(input: DisableProtectionInput, ctx: RequestContext): Promise<DisableProtectionPayload>;
    bindQuota(input: BindQuotaInput, ctx: RequestContext): Promise<BindQuotaPayload>;
    unbindQuota(input: UnbindQuotaInput, ctx: RequestContext): Promise<UnbindQuotaPayload>;
}
