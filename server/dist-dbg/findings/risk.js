import { AlarmStatus, DetectionResult, FindingStatus, ProtectionStatus } from '@hss/schema';
import { Topic } from '../events/topics.js';
/**
 * A server's risk score: open findings and unhandled alarms weighted by severity, so that one
 * critical outweighs any number of low ones in practice. Stored on the server row for ordering.
 */
const WEIGHT = (alias) => `case ${alias}.severity when 'CRITICAL' then 1000 when 'HIGH' then 100 when 'MEDIUM' then 10 else 1 end`;
const SERIOUS = `('MEDIUM', 'HIGH', 'CRITICAL')`;
/**
 * Recomputes the risk score and the detection result of `serverIds` in one statement, inside
 * the caller's transaction: RISKY while an open finding or unhandled alarm of MEDIUM or above
 * exists, SAFE once a scan finished without one, PENDING before that or while unprotected.
 * Returns the servers whose detection result changed.
 */
export async function refreshRiskScores(em, accountId, serverIds) {
    if (!serverIds.length)
        return [];
    const rows = await em.execute(`with target as (
       select s.id, s.detection_result as old,
         coalesce((select sum(${WEIGHT('f')}) from finding f where f.server_id = s.id and f.status = ?), 0)
           + coalesce((select sum(${WEIGHT('a')}) from alarm a where a.server_id = s.id and a.status = ?), 0) as score,
         exists (select 1 from finding f where f.server_id = s.id and f.status = ? and f.severity in ${SERIOUS})
           or exists (select 1 from alarm a where a.server_id = s.id and a.status = ? and a.severity in ${SERIOUS}) as serious
       from server s where s.account_id = ? and s.id in (?) for update)
     update server s set risk_score = target.score,
       detection_result = case
         when s.protection_status <> ? then ?
         when target.serious then ?
         when s.last_scan_at is not null then ?
         else ? end
     from target where s.id = target.id
     returning s.id, s.region_id, s.detection_result, s.protection_status, target.old`, [
        FindingStatus.OPEN,
        AlarmStatus.UNHANDLED,
        FindingStatus.OPEN,
        AlarmStatus.UNHANDLED,
        accountId,
        serverIds,
        ProtectionStatus.ENABLED,
        DetectionResult.PENDING,
        DetectionResult.RISKY,
        DetectionResult.SAFE,
        DetectionResult.PENDING,
    ]);
    return rows
        .filter((r) => r.old !== r.detection_result)
        .map((r) => ({ serverId: r.id, regionId: r.region_id, detectionResult: r.detection_result, protectionStatus: r.protection_status }));
}
/** After the commit: a server whose detection result changed is a changed server. */
export function publishDetectionChanges(events, accountId, changes) {
    for (const change of changes) {
        events.publish(Topic.SERVER_CHANGED, {
            accountId,
            regionId: change.regionId,
            serverId: change.serverId,
            change: `DETECTION_${change.detectionResult}`,
            protectionStatus: change.protectionStatus,
        });
    }
}
//# sourceMappingURL=risk.js.map