/**
 * The shapes the agent reports, taken from the wire protocol so they cannot drift from what the
 * gateway validates. The protocol keeps the item schemas private and exports only the payloads,
 * so the item types are indexed out of the `inventory` payload.
 */
import type { FindingReport, MessageType, Payloads } from '@hss/schema';
import type { z } from 'zod';

export type Inventory = Omit<Payloads[MessageType.INVENTORY], 'collectedAt'>;
export type Software = Inventory['software'][number];
export type Port = Inventory['ports'][number];
export type Process = Inventory['processes'][number];
export type HostAccount = Inventory['accounts'][number];
export type AutostartItem = Inventory['autostart'][number];
export type Finding = z.infer<typeof FindingReport>;
