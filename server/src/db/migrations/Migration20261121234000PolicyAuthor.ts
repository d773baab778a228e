import { Migration } from '@mikro-orm/migrations';

/** Who saved a region's policy (PolicyView.updatedBy). */
export class Migration20261121234000PolicyAuthor extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "policy" add column "updated_by_id" uuid null;`);
    this.addSql(
      `alter table "policy" add constraint "policy_updated_by_id_foreign" foreign key ("updated_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
    // Policies saved before this column existed: their author is in the audit row of their current version.
    this.addSql(
      `update "policy" p set "updated_by_id" = l."user_id" from "audit_log" l where l."account_id" = p."account_id" and l."action" = 'UPDATE_POLICY' and l."target_type" = 'Region' and l."target_id" = p."region_id"::text and l."after"->>'version' = p."version"::text and exists (select 1 from "app_user" u where u."id" = l."user_id");`,
    );
  }
}
