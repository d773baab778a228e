import { Migration } from '@mikro-orm/migrations';

/** Agent protocol hardening: enrollment-token use limits, frame sequence numbers, credential rotation and reuse. */
export class Migration20261121220000AgentProtocol extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "enrollment_token" add column "max_uses" int null;`);
    this.addSql(
      `alter table "agent" add column "pending_credential_hash" text null, add column "credential_rotation_requested_at" timestamptz(3) null, add column "credential_rotated_at" timestamptz(3) null, add column "connection_machine_id" text null, add column "last_seq" bigint not null default 0;`,
    );
    this.addSql(`alter table "agent" add constraint "agent_pending_credential_hash_unique" unique ("pending_credential_hash");`);
  }
}
