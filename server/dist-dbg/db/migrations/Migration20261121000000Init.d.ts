import { Migration } from '@mikro-orm/migrations';
/** The initial schema, generated from the entities, plus what entities cannot say. */
export declare class Migration20261121000000Init extends Migration {
    up(): Promise<void>;
    down(): Promise<void>;
}
