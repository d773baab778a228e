import { type Message, MessageType } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AgentIdentity } from '../agents/agent.service.js';
import type { Services } from '../services.js';
export type ReportMessage = Message<MessageType.INVENTORY | MessageType.FINDINGS | MessageType.ALARM | MessageType.SCAN_PROGRESS>;
export declare const REPORT_TYPES: ReadonlySet<MessageType>;
/**
 * Hands each report to the domain service that stores it. Resolves once the report is
 * committed (or was committed before: a resend), which is when the gateway acknowledges it.
 */
export declare function createReportRouter(services: Services, em: () => EntityManager): (identity: AgentIdentity, message: ReportMessage) => Promise<void>;
