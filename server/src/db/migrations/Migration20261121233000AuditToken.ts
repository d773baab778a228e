import { Migration } from '@mikro-orm/migrations';

/** The API token an audited action was done with (AuditLog.apiToken). Earlier rows stay without one. */
export class Migration20261121233000AuditToken extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_log" add column "api_token_id" uuid null;`);
    this.addSql(`create index "audit_log_account_id_api_token_id_index" on "audit_log" ("account_id", "api_token_id");`);
    this.addSql(
      `alter table "audit_log" add constraint "audit_log_api_token_id_foreign" foreign key ("api_token_id") references "api_token" ("id") on update cascade on delete set null;`,
    );
  }
}
