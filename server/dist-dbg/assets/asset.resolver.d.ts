import type { RequestContext } from '../common/request-context.js';
import { AutostartItem, HostAccount, HostProcess, ListeningPort, Software } from './asset.entities.js';
import type { InventoryService } from './inventory.service.js';
export declare class ServerAssets {
    software: Software[];
    ports: ListeningPort[];
    processes: HostProcess[];
    accounts: HostAccount[];
    autostart: AutostartItem[];
}
export declare class AssetResolver {
    private readonly inventory;
    constructor(inventory: InventoryService);
    serverAssets(serverId: string, ctx: RequestContext): Promise<ServerAssets>;
}
