/**
 * Enums shared by the control plane, the console and the agent. The GraphQL schema exposes
 * them under the same names (SCREAMING_CASE values), so a value means the same thing everywhere.
 */

export enum AgentStatus {
  NOT_INSTALLED = 'NOT_INSTALLED',
  ONLINE = 'ONLINE',
  OFFLINE = 'OFFLINE',
}

export enum AgentOfflineReason {
  CONNECTION_CLOSED = 'CONNECTION_CLOSED',
  HEARTBEAT_TIMEOUT = 'HEARTBEAT_TIMEOUT',
  REVOKED = 'REVOKED',
  REPLACED = 'REPLACED',
  CONTROL_PLANE_RESTART = 'CONTROL_PLANE_RESTART',
}

export enum ProtectionStatus {
  ENABLED = 'ENABLED',
  DISABLED = 'DISABLED',
  INTERRUPTED = 'INTERRUPTED',
}

export enum DetectionResult {
  RISKY = 'RISKY',
  SAFE = 'SAFE',
  PENDING = 'PENDING',
}

export enum EditionCode {
  BASIC = 'BASIC',
  PROFESSIONAL = 'PROFESSIONAL',
  ENTERPRISE = 'ENTERPRISE',
  PREMIUM = 'PREMIUM',
  WTP = 'WTP',
  CONTAINER = 'CONTAINER',
}

export enum BillingMode {
  YEARLY_MONTHLY = 'YEARLY_MONTHLY',
  ON_DEMAND = 'ON_DEMAND',
}

export enum QuotaStatus {
  IDLE = 'IDLE',
  IN_USE = 'IN_USE',
  EXPIRED = 'EXPIRED',
}

export enum OsType {
  LINUX = 'LINUX',
  WINDOWS = 'WINDOWS',
}

export enum Architecture {
  X86_64 = 'X86_64',
  ARM64 = 'ARM64',
}

/** Where a server runs. */
export enum Hosting {
  CLOUD_VM = 'CLOUD_VM',
  BARE_METAL = 'BARE_METAL',
  ON_PREMISES = 'ON_PREMISES',
  OTHER_CLOUD = 'OTHER_CLOUD',
}

/** Ordered from least to most severe; `severityRank` relies on this order. */
export enum Severity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

export const SEVERITY_ORDER: readonly Severity[] = [Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL];

export function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.indexOf(severity);
}

export enum FindingType {
  VULNERABILITY = 'VULNERABILITY',
  UNSAFE_CONFIGURATION = 'UNSAFE_CONFIGURATION',
  WEAK_PASSWORD = 'WEAK_PASSWORD',
  RISKY_ACCOUNT = 'RISKY_ACCOUNT',
  MALICIOUS_FILE = 'MALICIOUS_FILE',
}

export enum FindingStatus {
  OPEN = 'OPEN',
  FIXED = 'FIXED',
  HANDLED = 'HANDLED',
  IGNORED = 'IGNORED',
}

export enum AlarmType {
  BRUTE_FORCE = 'BRUTE_FORCE',
  ABNORMAL_LOGIN = 'ABNORMAL_LOGIN',
  SSH_WHITELIST_VIOLATION = 'SSH_WHITELIST_VIOLATION',
  MALICIOUS_PROGRAM = 'MALICIOUS_PROGRAM',
  FILE_INTEGRITY = 'FILE_INTEGRITY',
  WEB_TAMPER = 'WEB_TAMPER',
  CREDENTIAL_REUSE = 'CREDENTIAL_REUSE',
}

export enum AlarmStatus {
  UNHANDLED = 'UNHANDLED',
  HANDLED = 'HANDLED',
  IGNORED = 'IGNORED',
  ISOLATED = 'ISOLATED',
  WHITELISTED = 'WHITELISTED',
}

/** What a person does with alarms (the product's "handle alarm events"). */
export enum AlarmAction {
  /** Dealt with: marks them HANDLED. */
  HANDLE = 'HANDLE',
  /** Not worth acting on: marks them IGNORED. */
  IGNORE = 'IGNORE',
  /** Expected behaviour: adds a whitelist rule for the region, so that matching alarms are stored as WHITELISTED and not announced. */
  WHITELIST = 'WHITELIST',
}

/** What a person does with findings. */
export enum FindingAction {
  HANDLE = 'HANDLE',
  IGNORE = 'IGNORE',
  /** Back to OPEN, e.g. after ignoring one by mistake. */
  REOPEN = 'REOPEN',
}

export enum ScanStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  TIMED_OUT = 'TIMED_OUT',
}

export enum ScanTrigger {
  PROTECTION_ENABLED = 'PROTECTION_ENABLED',
  DAILY = 'DAILY',
  MANUAL = 'MANUAL',
}

export enum UserRole {
  ADMIN = 'ADMIN',
  OPERATOR = 'OPERATOR',
  VIEWER = 'VIEWER',
}

/** The `extensions.code` of every error the API returns on purpose. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  AGENT_OFFLINE = 'AGENT_OFFLINE',
  QUOTA_INSUFFICIENT = 'QUOTA_INSUFFICIENT',
  QUOTA_NOT_IDLE = 'QUOTA_NOT_IDLE',
  EDITION_MISMATCH = 'EDITION_MISMATCH',
  EDITION_NOT_ON_DEMAND = 'EDITION_NOT_ON_DEMAND',
  DISCLAIMER_NOT_ACCEPTED = 'DISCLAIMER_NOT_ACCEPTED',
  ALREADY_PROTECTED = 'ALREADY_PROTECTED',
  NOT_PROTECTED = 'NOT_PROTECTED',
  RATE_LIMITED = 'RATE_LIMITED',
}

/** What an edition includes; an edition is a set of these (see the `edition` table). */
export enum Feature {
  ASSET_MANAGEMENT = 'ASSET_MANAGEMENT',
  VULNERABILITY_MANAGEMENT = 'VULNERABILITY_MANAGEMENT',
  WEAK_PASSWORD_DETECTION = 'WEAK_PASSWORD_DETECTION',
  UNSAFE_CONFIGURATION_CHECK = 'UNSAFE_CONFIGURATION_CHECK',
  BRUTE_FORCE_PREVENTION = 'BRUTE_FORCE_PREVENTION',
  ABNORMAL_LOGIN_DETECTION = 'ABNORMAL_LOGIN_DETECTION',
  MALICIOUS_PROGRAM_DETECTION = 'MALICIOUS_PROGRAM_DETECTION',
  MALICIOUS_PROGRAM_ISOLATION = 'MALICIOUS_PROGRAM_ISOLATION',
  FILE_INTEGRITY_MONITORING = 'FILE_INTEGRITY_MONITORING',
  POLICY_MANAGEMENT = 'POLICY_MANAGEMENT',
  APPLICATION_PROTECTION = 'APPLICATION_PROTECTION',
  RANSOMWARE_PREVENTION = 'RANSOMWARE_PREVENTION',
  SECURITY_REPORT = 'SECURITY_REPORT',
  WEB_TAMPER_PROTECTION = 'WEB_TAMPER_PROTECTION',
  CONTAINER_SECURITY = 'CONTAINER_SECURITY',
}
