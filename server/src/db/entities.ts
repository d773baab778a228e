import { Account } from '../accounts/account.entity.js';
import { Region } from '../accounts/region.entity.js';
import { User } from '../accounts/user.entity.js';
import { Agent } from '../agents/agent.entity.js';
import { EnrollmentToken } from '../agents/enrollment-token.entity.js';
import { Alarm } from '../alarms/alarm.entity.js';
import { AlarmWhitelistEntry } from '../alarms/alarm-whitelist.entity.js';
import { ApiToken } from '../api-tokens/api-token.entity.js';
import { AgentMessage, AutostartItem, HostAccount, HostProcess, ListeningPort, Software } from '../assets/asset.entities.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import { Session } from '../auth/session.entity.js';
import { Edition } from '../editions/edition.entity.js';
import { Finding } from '../findings/finding.entity.js';
import { Policy } from '../policies/policy.entity.js';
import { Quota } from '../quotas/quota.entity.js';
import { ScanTask } from '../scans/scan-task.entity.js';
import { Server } from '../servers/server.entity.js';

export const ENTITIES = [
  Account,
  Region,
  User,
  Session,
  ApiToken,
  Edition,
  Server,
  Agent,
  EnrollmentToken,
  Quota,
  Finding,
  Alarm,
  ScanTask,
  AuditLog,
  Software,
  ListeningPort,
  HostProcess,
  HostAccount,
  AutostartItem,
  AgentMessage,
  Policy,
  AlarmWhitelistEntry,
];
