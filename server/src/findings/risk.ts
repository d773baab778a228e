import { AlarmStatus, FindingStatus } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A server's risk score: open findings and unhandled alarms weighted by severity, so that one
 * critical outweighs any number of low ones in practice. Stored on the server row for ordering.
 */
const WEIGHTS_SQL = `case severity when 'CRITICAL' then 1000 when 'HIGH' then 100 when 'MEDIUM' then 10 else 1 end`;

/** Recomputes the risk score of `serverIds` in one statement, inside the caller's transaction. */
export async function refreshRiskScores(em: EntityManager, accountId: string, serverIds: string[]): Promise<void> {
  if (!serverIds.length) return;
  await em.execute(
    `update server s set risk_score = coalesce((
        select sum(${WEIGHTS_SQL}) from finding f where f.server_id = s.id and f.status = ?), 0)
      + coalesce((select sum(${WEIGHTS_SQL}) from alarm a where a.server_id = s.id and a.status = ?), 0)
      where s.account_id = ? and s.id in (?)`,
    [FindingStatus.OPEN, AlarmStatus.UNHANDLED, accountId, serverIds],
  );
}
