import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../common/request-context.js';
import { CreateEnrollmentTokenPayload } from './agent.resolver.js';
import type { AgentInstallService } from './agent-install.service.js';

@Resolver(() => CreateEnrollmentTokenPayload)
export class AgentInstallResolver {
  constructor(private readonly agentInstall: AgentInstallService) {}

  @FieldResolver(() => String, {
    description:
      'Run on a Linux host as root: installs the agent (the host needs Node.js 20 or newer), pins the CA by caFingerprint and enrolls with this token.',
  })
  installCommand(@Root() payload: CreateEnrollmentTokenPayload, @Ctx() ctx: RequestContext): string {
    return this.agentInstall.installCommand(ctx, payload.token);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "SHA-256 (hex) of the private CA that signed the agent gateway's certificate, which the install command pins; null when the certificate is trusted through the system CAs or the gateway has no TLS.",
  })
  caFingerprint(): string | null {
    return this.agentInstall.caFingerprint;
  }
}
