import type { Payloads, MessageType } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AgentIdentity } from '../agents/agent.service.js';
import type { RequestContext } from '../common/request-context.js';
import { AutostartItem, HostAccount, HostProcess, ListeningPort, Software } from './asset.entities.js';
type Inventory = Payloads[MessageType.INVENTORY];
export declare class InventoryService {
    /** Replaces the server's asset snapshot. Returns false for a resent message (already stored). */
    replaceInventory(em: EntityManager, identity: AgentIdentity, messageId: string, inventory: Inventory): Promise<boolean>;
    /** The latest snapshot of one server, for the server detail page. */
    assets(ctx: RequestContext, serverId: string): Promise<{
        software: import("@mikro-orm/postgresql").Loaded<Software, never, import("@mikro-orm/postgresql").PopulatePath.ALL, never>[];
        ports: import("@mikro-orm/postgresql").Loaded<ListeningPort, never, import("@mikro-orm/postgresql").PopulatePath.ALL, never>[];
        processes: import("@mikro-orm/postgresql").Loaded<HostProcess, never, import("@mikro-orm/postgresql").PopulatePath.ALL, never>[];
        accounts: import("@mikro-orm/postgresql").Loaded<HostAccount, never, import("@mikro-orm/postgresql").PopulatePath.ALL, never>[];
        autostart: import("@mikro-orm/postgresql").Loaded<AutostartItem, never, import("@mikro-orm/postgresql").PopulatePath.ALL, never>[];
    }>;
}
export {};
