import type { AgentOfflineReason, AgentStatus, ProtectionStatus, ScanStatus, Severity } from '@hss/schema';

/**
 * Domain events. Services publish them after their transaction commits; GraphQL subscriptions
 * (and, later, the agent gateway) listen. Payloads are plain JSON so that the Redis transport
 * can carry them between replicas; every payload names its account, for scoping.
 */
export enum Topic {
  SERVER_CHANGED = 'SERVER_CHANGED',
  AGENT_STATUS_CHANGED = 'AGENT_STATUS_CHANGED',
  ALARM_RAISED = 'ALARM_RAISED',
  SCAN_PROGRESS = 'SCAN_PROGRESS',
  SCAN_QUEUED = 'SCAN_QUEUED',
  AGENT_DISCONNECT_REQUESTED = 'AGENT_DISCONNECT_REQUESTED',
  POLICY_CHANGED = 'POLICY_CHANGED',
  AGENT_CREDENTIAL_ROTATION_REQUESTED = 'AGENT_CREDENTIAL_ROTATION_REQUESTED',
  VIEWER_CHANGED = 'VIEWER_CHANGED',
}

interface Scoped {
  accountId: string;
  regionId: string;
  serverId: string;
}

export interface ServerChangedEvent extends Scoped {
  /** What happened, e.g. PROTECTION_ENABLED, QUOTA_UNBOUND, REGISTERED. */
  change: string;
  protectionStatus: ProtectionStatus;
}

export interface AgentStatusChangedEvent extends Scoped {
  status: AgentStatus;
  offlineReason: AgentOfflineReason | null;
  since: string;
}

export interface AlarmRaisedEvent extends Scoped {
  alarmId: string;
  severity: Severity;
}

export interface ScanProgressEvent extends Scoped {
  scanTaskId: string;
  status: ScanStatus;
  progress: number;
}

export interface ScanQueuedEvent extends Scoped {
  scanTaskId: string;
}

/** Asks every gateway replica to close the agent's connections (but `keepConnectionId`). */
export interface AgentDisconnectRequestedEvent extends Scoped {
  agentId: string;
  reason: AgentOfflineReason;
  keepConnectionId: string | null;
}

/** Asks the gateway replica that holds the agent's connection to hand it a new credential. */
export interface AgentCredentialRotationRequestedEvent extends Scoped {
  agentId: string;
}

export interface PolicyChangedEvent {
  accountId: string;
  regionId: string;
  version: number;
}

/**
 * A session or API token was revoked, or a user's role changed or the user is gone: every replica
 * forgets what it remembers of them, so that open subscriptions re-read them at their next event.
 */
export interface ViewerChangedEvent {
  accountId: string;
  /** One session or API token that was revoked. */
  credentialId: string | null;
  /** Every credential of this user (role change, password change, deletion; an API token's creator). */
  userId: string | null;
}

export interface TopicPayloads {
  [Topic.SERVER_CHANGED]: ServerChangedEvent;
  [Topic.AGENT_STATUS_CHANGED]: AgentStatusChangedEvent;
  [Topic.ALARM_RAISED]: AlarmRaisedEvent;
  [Topic.SCAN_PROGRESS]: ScanProgressEvent;
  [Topic.SCAN_QUEUED]: ScanQueuedEvent;
  [Topic.AGENT_DISCONNECT_REQUESTED]: AgentDisconnectRequestedEvent;
  [Topic.POLICY_CHANGED]: PolicyChangedEvent;
  [Topic.AGENT_CREDENTIAL_ROTATION_REQUESTED]: AgentCredentialRotationRequestedEvent;
  [Topic.VIEWER_CHANGED]: ViewerChangedEvent;
}

/** Topics whose events belong to a region: the ones GraphQL subscriptions deliver. */
export type RegionTopic = { [K in Topic]: TopicPayloads[K] extends { regionId: string } ? K : never }[Topic];
