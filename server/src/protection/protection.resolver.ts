import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../common/request-context.js';
import {
  BindQuotaInput,
  BindQuotaPayload,
  DisableProtectionInput,
  DisableProtectionPayload,
  EnableProtectionInput,
  EnableProtectionPayload,
  UnbindQuotaInput,
  UnbindQuotaPayload,
} from './protection.inputs.js';
import type { ProtectionService } from './protection.service.js';

@Resolver()
export class ProtectionResolver {
  constructor(private readonly protection: ProtectionService) {}

  @Mutation(() => EnableProtectionPayload, {
    description: 'Protects a server with an edition, binding a quota (YEARLY_MONTHLY) or on demand; starts a full scan.',
  })
  enableProtection(
    @Arg('input', () => EnableProtectionInput) input: EnableProtectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<EnableProtectionPayload> {
    return this.protection.enableProtection(ctx, input);
  }

  @Mutation(() => DisableProtectionPayload, { description: 'Stops protection; the bound quota returns to IDLE.' })
  disableProtection(
    @Arg('input', () => DisableProtectionInput) input: DisableProtectionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DisableProtectionPayload> {
    return this.protection.disableProtection(ctx, input);
  }

  @Mutation(() => BindQuotaPayload, {
    description: "Binds an idle quota to a server, enabling protection with the quota's edition.",
  })
  bindQuota(@Arg('input', () => BindQuotaInput) input: BindQuotaInput, @Ctx() ctx: RequestContext): Promise<BindQuotaPayload> {
    return this.protection.bindQuota(ctx, input);
  }

  @Mutation(() => UnbindQuotaPayload, {
    description: 'Unbinds a quota: it returns to IDLE and its server is no longer protected.',
  })
  unbindQuota(
    @Arg('input', () => UnbindQuotaInput) input: UnbindQuotaInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UnbindQuotaPayload> {
    return this.protection.unbindQuota(ctx, input);
  }
}
