import { Migration } from '@mikro-orm/migrations';
/** The agent channel: enrollment tokens, connections, reported assets, deduplicated messages, policies, scan delivery. */
export declare class Migration20261121170000AgentChannel extends Migration {
    up(): Promise<void>;
    down(): Promise<void>;
}
