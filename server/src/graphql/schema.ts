import 'reflect-metadata';
import './enums.js';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, type ContainerType } from 'type-graphql';
import { RegionResolver } from '../accounts/region.resolver.js';
import { UserResolver } from '../accounts/user.resolver.js';
import { AgentResolver } from '../agents/agent.resolver.js';
import { AgentInstallResolver } from '../agents/agent-install.resolver.js';
import { AlarmResolver } from '../alarms/alarm.resolver.js';
import { AlarmHandlingResolver } from '../alarms/alarm-handling.resolver.js';
import { ApiTokenResolver } from '../api-tokens/api-token.resolver.js';
import { AssetResolver } from '../assets/asset.resolver.js';
import { AuditResolver } from '../audit/audit.resolver.js';
import { AuthResolver } from '../auth/auth.resolver.js';
import { EditionResolver } from '../editions/edition.resolver.js';
import { FindingResolver } from '../findings/finding.resolver.js';
import { OverviewResolver } from '../overview/overview.resolver.js';
import { PolicyResolver } from '../policies/policy.resolver.js';
import { ProtectionResolver } from '../protection/protection.resolver.js';
import { QuotaResolver } from '../quotas/quota.resolver.js';
import { ScanResolver } from '../scans/scan.resolver.js';
import { ServerResolver } from '../servers/server.resolver.js';
import type { Services } from '../services.js';

/** Builds the executable schema; without services it is good only for printing. */
export async function buildHssSchema(services?: Services): Promise<GraphQLSchema> {
  const s = services ?? ({} as Services);
  const instances = new Map<unknown, object>([
    [AuthResolver, new AuthResolver(s.auth)],
    [UserResolver, new UserResolver(s.users)],
    [ApiTokenResolver, new ApiTokenResolver(s.apiTokens)],
    [RegionResolver, new RegionResolver(s.regions)],
    [AgentResolver, new AgentResolver(s.agents)],
    [AgentInstallResolver, new AgentInstallResolver(s.agentInstall)],
    [AssetResolver, new AssetResolver(s.inventory)],
    [PolicyResolver, new PolicyResolver(s.policies)],
    [EditionResolver, new EditionResolver(s.editions)],
    [ServerResolver, new ServerResolver(s.servers)],
    [QuotaResolver, new QuotaResolver(s.quotas)],
    [ProtectionResolver, new ProtectionResolver(s.protection)],
    [FindingResolver, new FindingResolver(s.findings)],
    [AlarmResolver, new AlarmResolver(s.alarms)],
    [AlarmHandlingResolver, new AlarmHandlingResolver(s.alarmHandling)],
    [ScanResolver, new ScanResolver(s.scans)],
    [OverviewResolver, new OverviewResolver(s.overview)],
    [AuditResolver, new AuditResolver(s.auditLogs)],
  ]);
  const container: ContainerType = {
    get: (cls) => {
      const instance = instances.get(cls);
      if (!instance) throw new Error(`No resolver instance for ${String((cls as { name?: string }).name)}`);
      return instance;
    },
  };
  return buildSchema({
    resolvers: [...instances.keys()] as [Function, ...Function[]],
    container,
    validate: { forbidUnknownValues: false },
    // Every subscription opens its stream itself (graphql/subscriptions.ts); type-graphql still
    // wants a PubSub, so it gets the event bus behind the same interface.
    pubSub: {
      publish: (topic: string, payload: unknown) => s.events?.publish(topic as never, payload as never),
      subscribe: (topic: string) => s.events.subscribe(topic as never),
    },
    emitSchemaFile: false,
  });
}

export function printHssSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
