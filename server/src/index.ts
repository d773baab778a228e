/** What tests, benchmarks and tools import from the control plane. */

export { Account } from './accounts/account.entity.js';
export { Region } from './accounts/region.entity.js';
export { User } from './accounts/user.entity.js';
export { Agent } from './agents/agent.entity.js';
export { Alarm } from './alarms/alarm.entity.js';
export { type AppOptions, calendarDay, type HssApp, startApp } from './app.js';
export { AuditLog } from './audit/audit-log.entity.js';
export { type Config, ConfigError, loadConfig } from './config/config.js';
export { startEmbeddedPostgres } from './db/embedded.js';
export { ENTITIES } from './db/entities.js';
export { migrate, openOrm } from './db/orm.js';
export { createMemoryEventBus, type EventBus } from './events/event-bus.js';
export { createRedisEventBus } from './events/redis-event-bus.js';
export { Topic, type TopicPayloads } from './events/topics.js';
export { Finding } from './findings/finding.entity.js';
export { refreshRiskScores } from './findings/risk.js';
export { type AgentCa, certificateFingerprint, ensureAgentCa } from './gateway/agent-ca.js';
export { buildHssSchema, printHssSchema } from './graphql/schema.js';
export { createLogger } from './logger.js';
export { Quota } from './quotas/quota.entity.js';
export { ScanTask } from './scans/scan-task.entity.js';
export { Server } from './servers/server.entity.js';
