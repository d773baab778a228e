import { AccountService } from './accounts/account.service.js';
import { RegionService } from './accounts/region.service.js';
import { UserService } from './accounts/user.service.js';
import { AgentService } from './agents/agent.service.js';
import type { AgentInstallService } from './agents/agent-install.service.js';
import { AlarmHandling, AlarmService } from './alarms/alarm.service.js';
import { ApiTokenService } from './api-tokens/api-token.service.js';
import { InventoryService } from './assets/inventory.service.js';
import { AuditLogReader, AuditService } from './audit/audit.service.js';
import { AuthService } from './auth/auth.service.js';
import { EditionService } from './editions/edition.service.js';
import type { EventBus } from './events/event-bus.js';
import type { ViewerChangedEvent } from './events/topics.js';
import { FindingService } from './findings/finding.service.js';
import { OverviewService } from './overview/overview.service.js';
import { PolicyService } from './policies/policy.service.js';
import { ProtectionService } from './protection/protection.service.js';
import { QuotaService } from './quotas/quota.service.js';
import { QuotaAllocator } from './quotas/quota-allocator.js';
import { ScanService } from './scans/scan.service.js';
import { ServerService } from './servers/server.service.js';

/** The domain services, wired once. GraphQL resolvers and (later) the agent gateway both call these. */
export interface Services {
  events: EventBus;
  audit: AuditService;
  auditLogs: AuditLogReader;
  agents: AgentService;
  agentInstall: AgentInstallService;
  inventory: InventoryService;
  policies: PolicyService;
  auth: AuthService;
  users: UserService;
  apiTokens: ApiTokenService;
  accounts: AccountService;
  regions: RegionService;
  editions: EditionService;
  servers: ServerService;
  quotas: QuotaService;
  protection: ProtectionService;
  scans: ScanService;
  findings: FindingService;
  alarms: AlarmService;
  alarmHandling: AlarmHandling;
  overview: OverviewService;
}

export function createServices(events: EventBus, opts: { sessionTtlHours: number; agentInstall: AgentInstallService }): Services {
  const audit = new AuditService();
  const scans = new ScanService(audit, events);
  const auth = new AuthService(opts.sessionTtlHours, audit, events);
  const viewerChanged = (change: ViewerChangedEvent) => auth.viewerChanged(change);
  return {
    events,
    audit,
    auditLogs: new AuditLogReader(),
    scans,
    agents: new AgentService(audit, events),
    agentInstall: opts.agentInstall,
    inventory: new InventoryService(),
    policies: new PolicyService(audit, events),
    auth,
    users: new UserService(audit, viewerChanged),
    apiTokens: new ApiTokenService(audit, viewerChanged),
    accounts: new AccountService(),
    regions: new RegionService(),
    editions: new EditionService(),
    servers: new ServerService(audit, events),
    quotas: new QuotaService(audit, events),
    protection: new ProtectionService(new QuotaAllocator(), scans, audit, events),
    findings: new FindingService(events, audit),
    alarms: new AlarmService(events),
    alarmHandling: new AlarmHandling(events, audit),
    overview: new OverviewService(),
  };
}
