import { type Message, MessageType } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AgentIdentity } from '../agents/agent.service.js';
import { withFrameSeq } from '../agents/agent-messages.js';
import type { Services } from '../services.js';

export type ReportMessage = Message<MessageType.INVENTORY | MessageType.FINDINGS | MessageType.ALARM | MessageType.SCAN_PROGRESS>;

export const REPORT_TYPES: ReadonlySet<MessageType> = new Set([
  MessageType.INVENTORY,
  MessageType.FINDINGS,
  MessageType.ALARM,
  MessageType.SCAN_PROGRESS,
]);

/**
 * Hands each report to the domain service that stores it. Resolves once the report is
 * committed (or was committed before: a resend), which is when the gateway acknowledges it.
 */
export function createReportRouter(services: Services, em: () => EntityManager) {
  const route = async (identity: AgentIdentity, message: ReportMessage): Promise<void> => {
    switch (message.type) {
      case MessageType.INVENTORY:
        await services.inventory.replaceInventory(em(), identity, message.id, message.payload);
        return;
      case MessageType.FINDINGS:
        await services.findings.ingestScanReport(em(), identity, message.id, message.payload);
        return;
      case MessageType.ALARM:
        await services.alarms.raise(em(), identity, message.id, message.payload);
        return;
      case MessageType.SCAN_PROGRESS:
        await services.scans.recordProgress(em(), identity, message.id, message.payload);
        return;
    }
  };
  // The frame's seq is committed with the report (see withFrameSeq).
  return (identity: AgentIdentity, message: ReportMessage): Promise<void> =>
    message.seq === undefined
      ? route(identity, message)
      : withFrameSeq(identity.agentId, message.seq, () => route(identity, message));
}
