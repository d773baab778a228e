import { Migration } from '@mikro-orm/migrations';
/** Enrollment tokens for the agent channel. */
export declare class Migration20261121170000EnrollmentTokens extends Migration {
    up(): Promise<void>;
    down(): Promise<void>;
}
