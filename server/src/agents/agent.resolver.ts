import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { Region } from '../accounts/region.entity.js';
import type { RequestContext } from '../common/request-context.js';
import { Server } from '../servers/server.entity.js';
import { Agent } from './agent.entity.js';
import type { AgentService } from './agent.service.js';

@InputType()
export class CreateEnrollmentTokenInput {
  @Field(() => ID, { description: 'Agents enrolled with the token join this region.' })
  @IsUUID()
  regionId!: string;

  @Field(() => Int, { nullable: true, description: 'Validity in hours, 1–720; default 24.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  expiresInHours?: number | null;

  @Field(() => Int, { nullable: true, description: 'Enrollments allowed, 1–100000; default: any number until it expires.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  maxUses?: number | null;
}

@ObjectType()
export class CreateEnrollmentTokenPayload {
  @Field(() => String, { description: 'Shown once; only its hash is stored.' }) token!: string;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => Int, { nullable: true, description: 'Enrollments allowed; null: any number until it expires.' })
  maxUses!: number | null;
  @Field(() => Region) region!: Region;
}

@InputType()
export class RevokeAgentInput {
  @Field(() => ID)
  @IsUUID()
  serverId!: string;
}

@ObjectType()
export class RevokeAgentPayload {
  @Field(() => Server) server!: Server;
}

@InputType()
export class RotateAgentCredentialInput {
  @Field(() => ID)
  @IsUUID()
  serverId!: string;
}

@ObjectType()
export class RotateAgentCredentialPayload {
  @Field(() => Server) server!: Server;
  @Field(() => Boolean, {
    description: 'True when the agent is connected and is taking its new credential now; false: on its next connection.',
  })
  delivering!: boolean;
}

@Resolver(() => Agent)
export class AgentResolver {
  constructor(private readonly agentService: AgentService) {}

  @Mutation(() => CreateEnrollmentTokenPayload, { description: 'A short-lived token with which agents enroll into a region.' })
  createEnrollmentToken(
    @Arg('input', () => CreateEnrollmentTokenInput) input: CreateEnrollmentTokenInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateEnrollmentTokenPayload> {
    return this.agentService.createEnrollmentToken(ctx, input);
  }

  @Mutation(() => RevokeAgentPayload, {
    description: "Refuses the server's agent credential from now on and closes its connection.",
  })
  async revokeAgent(
    @Arg('input', () => RevokeAgentInput) input: RevokeAgentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RevokeAgentPayload> {
    return { server: await this.agentService.revokeAgent(ctx, input.serverId) };
  }

  @Mutation(() => RotateAgentCredentialPayload, {
    description:
      "Gives the server's agent a new credential over its connection; the old one is refused once the agent has stored the new one.",
  })
  rotateAgentCredential(
    @Arg('input', () => RotateAgentCredentialInput) input: RotateAgentCredentialInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RotateAgentCredentialPayload> {
    return this.agentService.requestCredentialRotation(ctx, input.serverId);
  }

  @FieldResolver(() => Boolean, { description: 'A new credential is waiting for the agent to take it.' })
  credentialRotationPending(@Root() agent: Agent): boolean {
    return agent.credentialRotationRequestedAt !== null || agent.pendingCredentialHash !== null;
  }

  @FieldResolver(() => Server)
  server(@Root() agent: Agent, @Ctx() ctx: RequestContext): Promise<Server | null> {
    return ctx.loaders.serverById.load(agent.server.id);
  }
}
