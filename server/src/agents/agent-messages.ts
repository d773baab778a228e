import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Records that an agent message is being stored, inside the transaction that stores it. False
 * when it was stored before: a resent report is acknowledged again but never stored twice. A
 * concurrent duplicate waits on the first one's row lock and then sees it.
 */
export async function firstDelivery(tx: EntityManager, agentId: string, messageId: string): Promise<boolean> {
  const rows = await tx.execute(
    'insert into agent_message (agent_id, message_id) values (?, ?) on conflict do nothing returning agent_id',
    [agentId, messageId],
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
