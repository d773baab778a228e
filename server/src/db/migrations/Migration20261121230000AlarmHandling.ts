import { Migration } from '@mikro-orm/migrations';

/** Alarm whitelist rules per region (handleAlarms WHITELIST). */
export class Migration20261121230000AlarmHandling extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "alarm_whitelist_entry" ("id" uuid not null, "account_id" uuid not null, "region_id" uuid not null, "type" text check ("type" in ('BRUTE_FORCE', 'ABNORMAL_LOGIN', 'SSH_WHITELIST_VIOLATION', 'MALICIOUS_PROGRAM', 'FILE_INTEGRITY', 'WEB_TAMPER', 'CREDENTIAL_REUSE')) not null, "source_ip" text null, "path" text null, "note" text null, "created_by_id" uuid null, "created_at" timestamptz(3) not null default now(), constraint "alarm_whitelist_entry_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "alarm_whitelist_entry_account_id_region_id_type_index" on "alarm_whitelist_entry" ("account_id", "region_id", "type");`,
    );
    this.addSql(
      `alter table "alarm_whitelist_entry" add constraint "alarm_whitelist_entry_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "alarm_whitelist_entry" add constraint "alarm_whitelist_entry_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "alarm_whitelist_entry" add constraint "alarm_whitelist_entry_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }
}
