import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The sequence number of the agent frame being stored. The gateway sets it around a report's
 * storage so that the services which store reports raise the agent's last accepted `seq` in the
 * report's own transaction without each of them having to know about the transport.
 */
const frameSeq = new AsyncLocalStorage<{ agentId: string; seq: number }>();

/** Runs `store` with the frame's sequence number, which `firstDelivery` records. */
export function withFrameSeq<T>(agentId: string, seq: number, store: () => Promise<T>): Promise<T> {
  return frameSeq.run({ agentId, seq }, store);
}

/**
 * Records that an agent message is being stored, inside the transaction that stores it. False
 * when it was stored before: a resent report is acknowledged again but never stored twice. A
 * concurrent duplicate waits on the first one's row lock and then sees it. Within
 * `withFrameSeq`, the agent's last accepted sequence number is raised in the same statement.
 */
export async function firstDelivery(tx: EntityManager, agentId: string, messageId: string): Promise<boolean> {
  const frame = frameSeq.getStore();
  const seq = frame?.agentId === agentId ? frame.seq : null;
  const rows = await tx.execute(
    seq === null
      ? 'insert into agent_message (agent_id, message_id) values (?, ?) on conflict do nothing returning agent_id'
      : `with accepted as (update agent set last_seq = greatest(last_seq, ?) where id = ?)
         insert into agent_message (agent_id, message_id) values (?, ?) on conflict do nothing returning agent_id`,
    seq === null ? [agentId, messageId] : [seq, agentId, agentId, messageId],
  );
  return rows.length > 0;
}

/** Forgets message ids older than `days`; agents resend within hours, not weeks. */
export async function pruneAgentMessages(em: EntityManager, days = 7): Promise<number> {
  const rows = await em.execute(`delete from agent_message where received_at < now() - (? || ' days')::interval returning 1`, [
    String(days),
  ]);
  return rows.length;
}
