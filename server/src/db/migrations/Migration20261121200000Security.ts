import { Migration } from '@mikro-orm/migrations';

/** API tokens for integrations (createApiToken), stored as SHA-256 hashes. */
export class Migration20261121200000Security extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "api_token" ("id" uuid not null, "account_id" uuid not null, "name" text not null, "role" text check ("role" in ('ADMIN', 'OPERATOR', 'VIEWER')) not null, "created_by_id" uuid null, "token_hash" text not null, "created_at" timestamptz(3) not null default now(), "expires_at" timestamptz(3) null, "last_used_at" timestamptz(3) null, "revoked_at" timestamptz(3) null, constraint "api_token_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "api_token" add constraint "api_token_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "api_token_account_id_created_at_id_index" on "api_token" ("account_id", "created_at", "id");`);
    this.addSql(
      `alter table "api_token" add constraint "api_token_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "api_token" add constraint "api_token_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`,
    );
  }
}
