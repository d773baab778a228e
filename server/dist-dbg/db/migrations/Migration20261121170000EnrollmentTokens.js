import { Migration } from '@mikro-orm/migrations';
/** Enrollment tokens for the agent channel. */
export class Migration20261121170000EnrollmentTokens extends Migration {
    async up() {
        this.addSql(`create table "enrollment_token" ("id" uuid not null, "account_id" uuid not null, "region_id" uuid not null, "created_by_id" uuid null, "token_hash" text not null, "expires_at" timestamptz not null, "uses" int not null default 0, "last_used_at" timestamptz null, "created_at" timestamptz not null default now(), constraint "enrollment_token_pkey" primary key ("id"));`);
        this.addSql(`alter table "enrollment_token" add constraint "enrollment_token_token_hash_unique" unique ("token_hash");`);
        this.addSql(`create index "enrollment_token_account_id_created_at_index" on "enrollment_token" ("account_id", "created_at");`);
        this.addSql(`alter table "enrollment_token" add constraint "enrollment_token_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "enrollment_token" add constraint "enrollment_token_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "enrollment_token" add constraint "enrollment_token_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    }
    async down() {
        this.addSql(`drop table if exists "enrollment_token" cascade;`);
    }
}
//# sourceMappingURL=Migration20261121170000EnrollmentTokens.js.map