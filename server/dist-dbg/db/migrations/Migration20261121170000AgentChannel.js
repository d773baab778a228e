import { Migration } from '@mikro-orm/migrations';
/** The agent channel: enrollment tokens, connections, reported assets, deduplicated messages, policies, scan delivery. */
export class Migration20261121170000AgentChannel extends Migration {
    async up() {
        this.addSql(`create table "enrollment_token" ("id" uuid not null, "account_id" uuid not null, "region_id" uuid not null, "created_by_id" uuid null, "token_hash" text not null, "expires_at" timestamptz(3) not null, "uses" int not null default 0, "last_used_at" timestamptz(3) null, "created_at" timestamptz(3) not null default now(), constraint "enrollment_token_pkey" primary key ("id"));`);
        this.addSql(`alter table "enrollment_token" add constraint "enrollment_token_token_hash_unique" unique ("token_hash");`);
        this.addSql(`create index "enrollment_token_account_id_created_at_index" on "enrollment_token" ("account_id", "created_at");`);
        this.addSql(`alter table "enrollment_token" add constraint "enrollment_token_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "enrollment_token" add constraint "enrollment_token_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "enrollment_token" add constraint "enrollment_token_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);
        this.addSql(`alter table "agent" add column "connection_id" text null;`);
        this.addSql(`create index "server_agent_status_online_index" on "server" ("id") where "agent_status" = 'ONLINE';`);
        this.addSql(`create table "agent_message" ("agent_id" uuid not null, "message_id" text not null, "received_at" timestamptz(3) not null default now(), constraint "agent_message_pkey" primary key ("agent_id", "message_id"));`);
        this.addSql(`create index "agent_message_received_at_index" on "agent_message" ("received_at");`);
        this.addSql(`create table "policy" ("id" uuid not null, "account_id" uuid not null, "region_id" uuid not null, "version" int not null default 1, "document" jsonb not null, "updated_at" timestamptz(3) not null default now(), constraint "policy_pkey" primary key ("id"));`);
        this.addSql(`alter table "policy" add constraint "policy_account_id_region_id_unique" unique ("account_id", "region_id");`);
        this.addSql(`create table "listening_port" ("id" uuid not null, "account_id" uuid not null, "server_id" uuid not null, "protocol" text not null, "address" text not null, "port" int not null, "pid" int null, "process" text null, constraint "listening_port_pkey" primary key ("id"));`);
        this.addSql(`create index "listening_port_account_id_index" on "listening_port" ("account_id");`);
        this.addSql(`create index "listening_port_server_id_port_index" on "listening_port" ("server_id", "port");`);
        this.addSql(`create table "process" ("id" uuid not null, "account_id" uuid not null, "server_id" uuid not null, "pid" int not null, "name" text not null, "command_line" text not null, "user_name" text not null, "executable" text null, "started_at" timestamptz(3) null, constraint "process_pkey" primary key ("id"));`);
        this.addSql(`create index "process_account_id_index" on "process" ("account_id");`);
        this.addSql(`create index "process_server_id_pid_index" on "process" ("server_id", "pid");`);
        this.addSql(`create table "host_account" ("id" uuid not null, "account_id" uuid not null, "server_id" uuid not null, "name" text not null, "uid" int not null, "gid" int not null, "shell" text not null, "home" text not null, "login_shell" boolean not null, "sudo" boolean not null, "empty_password" boolean not null, "password_changed_at" text null, constraint "host_account_pkey" primary key ("id"));`);
        this.addSql(`create index "host_account_account_id_index" on "host_account" ("account_id");`);
        this.addSql(`create index "host_account_server_id_name_index" on "host_account" ("server_id", "name");`);
        this.addSql(`create table "autostart_item" ("id" uuid not null, "account_id" uuid not null, "server_id" uuid not null, "kind" text not null, "name" text not null, "command" text null, "user_name" text null, constraint "autostart_item_pkey" primary key ("id"));`);
        this.addSql(`create index "autostart_item_account_id_index" on "autostart_item" ("account_id");`);
        this.addSql(`create index "autostart_item_server_id_name_index" on "autostart_item" ("server_id", "name");`);
        this.addSql(`create table "software" ("id" uuid not null, "account_id" uuid not null, "server_id" uuid not null, "name" text not null, "version" text not null, "architecture" text null, "source" text not null, constraint "software_pkey" primary key ("id"));`);
        this.addSql(`create index "software_account_id_index" on "software" ("account_id");`);
        this.addSql(`create index "software_server_id_name_index" on "software" ("server_id", "name");`);
        this.addSql(`alter table "policy" add constraint "policy_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "policy" add constraint "policy_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "listening_port" add constraint "listening_port_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "listening_port" add constraint "listening_port_server_id_foreign" foreign key ("server_id") references "server" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "process" add constraint "process_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "process" add constraint "process_server_id_foreign" foreign key ("server_id") references "server" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "host_account" add constraint "host_account_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "host_account" add constraint "host_account_server_id_foreign" foreign key ("server_id") references "server" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "autostart_item" add constraint "autostart_item_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "autostart_item" add constraint "autostart_item_server_id_foreign" foreign key ("server_id") references "server" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "software" add constraint "software_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "software" add constraint "software_server_id_foreign" foreign key ("server_id") references "server" ("id") on update cascade on delete cascade;`);
        this.addSql(`alter table "server" add column "inventory_at" timestamptz(3) null;`);
        this.addSql(`alter table "scan_task" add column "scheduled_for" date null, add column "sent_at" timestamptz(3) null;`);
        this.addSql(`alter table "agent" add column "policy_version" int null;`);
        // Each day's DAILY scan exists once per server, however many control planes schedule it.
        this.addSql(`create unique index "scan_task_daily_unique" on "scan_task" ("server_id", "scheduled_for") where "trigger" = 'DAILY';`);
    }
    async down() {
        for (const table of ['agent_message', 'policy', 'listening_port', 'process', 'host_account', 'autostart_item', 'software']) {
            this.addSql(`drop table if exists "${table}" cascade;`);
        }
        this.addSql(`alter table "scan_task" drop column "scheduled_for", drop column "sent_at";`);
        this.addSql(`alter table "server" drop column "inventory_at";`);
        this.addSql(`alter table "agent" drop column "connection_id", drop column "policy_version";`);
        this.addSql(`drop table if exists "enrollment_token" cascade;`);
    }
}
//# sourceMappingURL=Migration20261121170000AgentChannel.js.map