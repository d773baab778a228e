import { MessageType } from '@hss/schema';
import { publishDetectionChanges } from '../findings/risk.js';
export const REPORT_TYPES = new Set([
    MessageType.INVENTORY,
    MessageType.FINDINGS,
    MessageType.ALARM,
    MessageType.SCAN_PROGRESS,
]);
/**
 * Hands each report to the domain service that stores it. Resolves once the report is
 * committed (or was committed before: a resend), which is when the gateway acknowledges it.
 */
export function createReportRouter(services, em) {
    return async (identity, message) => {
        switch (message.type) {
            case MessageType.INVENTORY:
                await services.inventory.replaceInventory(em(), identity, message.id, message.payload);
                return;
            case MessageType.FINDINGS: {
                const changes = await services.findings.ingestScanReport(em(), identity, message.id, message.payload);
                if (changes)
                    publishDetectionChanges(services.events, identity.accountId, changes);
                return;
            }
            case MessageType.ALARM:
                await services.alarms.raise(em(), identity, message.id, message.payload);
                return;
            case MessageType.SCAN_PROGRESS:
                await services.scans.recordProgress(em(), identity, message.id, message.payload);
                return;
        }
    };
}
//# sourceMappingURL=report-router.js.map