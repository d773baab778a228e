import { Migration } from '@mikro-orm/migrations';

/** The initial schema, generated from the entities, plus what entities cannot say. */
export class Migration20261121000000Init extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "account" ("id" uuid not null, "name" text not null, "created_at" timestamptz(3) not null default now(), constraint "account_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "edition" ("code" text not null, "name" text not null, "description" text not null, "features" text[] not null, "supports_on_demand" boolean not null, "free_trial_days" int null, "rank" int not null, constraint "edition_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "region" ("id" uuid not null, "account_id" uuid not null, "code" text not null, "name" text not null, "created_at" timestamptz(3) not null default now(), constraint "region_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "region" add constraint "region_account_id_code_unique" unique ("account_id", "code");`);

    this.addSql(
      `create table "server" ("id" uuid not null, "account_id" uuid not null, "region_id" uuid not null, "name" text not null, "hostname" text not null, "ips" text[] not null, "os_type" text check ("os_type" in ('LINUX', 'WINDOWS')) not null default 'LINUX', "os_name" text null, "os_version" text null, "architecture" text check ("architecture" in ('X86_64', 'ARM64')) null, "hosting" text check ("hosting" in ('CLOUD_VM', 'BARE_METAL', 'ON_PREMISES', 'OTHER_CLOUD')) not null default 'ON_PREMISES', "server_group" text null, "machine_id" text null, "agent_status" text check ("agent_status" in ('NOT_INSTALLED', 'ONLINE', 'OFFLINE')) not null default 'NOT_INSTALLED', "agent_offline_reason" text check ("agent_offline_reason" in ('CONNECTION_CLOSED', 'HEARTBEAT_TIMEOUT', 'REVOKED', 'REPLACED', 'CONTROL_PLANE_RESTART')) null, "agent_status_since" timestamptz(3) not null default now(), "protection_status" text check ("protection_status" in ('ENABLED', 'DISABLED', 'INTERRUPTED')) not null default 'DISABLED', "protection_interrupted_cause" text null, "detection_result" text check ("detection_result" in ('RISKY', 'SAFE', 'PENDING')) not null default 'PENDING', "edition_code" text null, "billing_mode" text check ("billing_mode" in ('YEARLY_MONTHLY', 'ON_DEMAND')) null, "trial_ends_at" timestamptz(3) null, "risk_score" int not null default 0, "last_scan_at" timestamptz(3) null, "search_text" text not null default '', "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz(3) not null default now(), constraint "server_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "server_account_id_edition_code_index" on "server" ("account_id", "edition_code");`);
    this.addSql(`create index "server_account_id_detection_result_index" on "server" ("account_id", "detection_result");`);
    this.addSql(`create index "server_account_id_protection_status_index" on "server" ("account_id", "protection_status");`);
    this.addSql(`create index "server_account_id_agent_status_index" on "server" ("account_id", "agent_status");`);
    this.addSql(
      `create index "server_account_id_region_id_risk_score_id_index" on "server" ("account_id", "region_id", "risk_score", "id");`,
    );
    this.addSql(
      `create index "server_account_id_region_id_created_at_id_index" on "server" ("account_id", "region_id", "created_at", "id");`,
    );
    this.addSql(
      `create index "server_account_id_region_id_name_id_index" on "server" ("account_id", "region_id", "name", "id");`,
    );
    this.addSql(`create index "server_account_id_risk_score_id_index" on "server" ("account_id", "risk_score", "id");`);
    this.addSql(`create index "server_account_id_created_at_id_index" on "server" ("account_id", "created_at", "id");`);
    this.addSql(`create index "server_account_id_name_id_index" on "server" ("account_id", "name", "id");`);

    this.addSql(
      `create table "scan_task" ("id" uuid not null, "account_id" uuid not null, "server_id" uuid not null, "trigger" text check ("trigger" in ('PROTECTION_ENABLED', 'DAILY', 'MANUAL')) not null, "status" text check ("status" in ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'TIMED_OUT')) not null default 'QUEUED', "progress" int not null default 0, "error" text null, "created_at" timestamptz(3) not null default now(), "started_at" timestamptz(3) null, "finished_at" timestamptz(3) null, constraint "scan_task_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "scan_task_status_server_id_index" on "scan_task" ("status", "server_id");`);
    this.addSql(
      `create index "scan_task_account_id_server_id_created_at_index" on "scan_task" ("account_id", "server_id", "created_at");`,
    );

    this.addSql(
      `create table "quota" ("id" uuid not null, "account_id" uuid not null, "region_id" uuid not null, "edition_code" text not null, "billing_mode" text check ("billing_mode" in ('YEARLY_MONTHLY', 'ON_DEMAND')) not null default 'YEARLY_MONTHLY', "status" text check ("status" in ('IDLE', 'IN_USE', 'EXPIRED')) not null default 'IDLE', "server_id" uuid null, "expires_at" timestamptz(3) not null, "bound_at" timestamptz(3) null, "created_at" timestamptz(3) not null default now(), constraint "quota_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "quota_account_id_created_at_id_index" on "quota" ("account_id", "created_at", "id");`);
    this.addSql(`create index "quota_account_id_status_index" on "quota" ("account_id", "status");`);
    this.addSql(
      `create index "quota_account_id_region_id_edition_code_status_expires_at_index" on "quota" ("account_id", "region_id", "edition_code", "status", "expires_at");`,
    );

    this.addSql(
      `create table "finding" ("id" uuid not null, "account_id" uuid not null, "server_id" uuid not null, "type" text check ("type" in ('VULNERABILITY', 'UNSAFE_CONFIGURATION', 'WEAK_PASSWORD', 'RISKY_ACCOUNT', 'MALICIOUS_FILE')) not null, "severity" text check ("severity" in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null, "status" text check ("status" in ('OPEN', 'FIXED', 'HANDLED', 'IGNORED')) not null default 'OPEN', "fingerprint" text not null, "title" text not null, "remediation" text null, "detail" jsonb null, "first_seen_at" timestamptz(3) not null default now(), "last_seen_at" timestamptz(3) not null default now(), "resolved_at" timestamptz(3) null, constraint "finding_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "finding_account_id_last_seen_at_id_index" on "finding" ("account_id", "last_seen_at", "id");`);
    this.addSql(
      `create index "finding_account_id_status_severity_type_index" on "finding" ("account_id", "status", "severity", "type");`,
    );
    this.addSql(
      `create index "finding_account_id_server_id_status_severity_index" on "finding" ("account_id", "server_id", "status", "severity");`,
    );
    this.addSql(
      `alter table "finding" add constraint "finding_server_id_fingerprint_unique" unique ("server_id", "fingerprint");`,
    );

    this.addSql(
      `create table "alarm" ("id" uuid not null, "account_id" uuid not null, "server_id" uuid not null, "type" text check ("type" in ('BRUTE_FORCE', 'ABNORMAL_LOGIN', 'SSH_WHITELIST_VIOLATION', 'MALICIOUS_PROGRAM', 'FILE_INTEGRITY', 'WEB_TAMPER', 'CREDENTIAL_REUSE')) not null, "severity" text check ("severity" in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null, "status" text check ("status" in ('UNHANDLED', 'HANDLED', 'IGNORED', 'ISOLATED', 'WHITELISTED')) not null default 'UNHANDLED', "title" text not null, "source_ip" text null, "detail" jsonb null, "occurred_at" timestamptz(3) not null, "created_at" timestamptz(3) not null default now(), "handled_at" timestamptz(3) null, constraint "alarm_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "alarm_account_id_status_severity_type_index" on "alarm" ("account_id", "status", "severity", "type");`,
    );
    this.addSql(
      `create index "alarm_account_id_server_id_status_severity_index" on "alarm" ("account_id", "server_id", "status", "severity");`,
    );
    this.addSql(`create index "alarm_account_id_occurred_at_id_index" on "alarm" ("account_id", "occurred_at", "id");`);

    this.addSql(
      `create table "agent" ("id" uuid not null, "account_id" uuid not null, "server_id" uuid not null, "version" text not null, "credential_hash" text not null, "enrolled_at" timestamptz(3) not null default now(), "last_seen_at" timestamptz(3) null, "revoked_at" timestamptz(3) null, constraint "agent_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "agent_account_id_index" on "agent" ("account_id");`);
    this.addSql(`alter table "agent" add constraint "agent_server_id_unique" unique ("server_id");`);
    this.addSql(`alter table "agent" add constraint "agent_credential_hash_unique" unique ("credential_hash");`);

    this.addSql(
      `create table "app_user" ("id" uuid not null, "account_id" uuid not null, "email" text not null, "display_name" text not null, "password_hash" text not null, "role" text check ("role" in ('ADMIN', 'OPERATOR', 'VIEWER')) not null default 'VIEWER', "created_at" timestamptz(3) not null default now(), constraint "app_user_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "app_user_account_id_index" on "app_user" ("account_id");`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);

    this.addSql(
      `create table "session" ("id" uuid not null, "account_id" uuid not null, "user_id" uuid not null, "token_hash" text not null, "created_at" timestamptz(3) not null default now(), "expires_at" timestamptz(3) not null, "revoked_at" timestamptz(3) null, constraint "session_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);

    this.addSql(
      `create table "audit_log" ("id" uuid not null, "account_id" uuid not null, "user_id" uuid null, "action" text not null, "target_type" text not null, "target_id" text not null, "before" jsonb null, "after" jsonb null, "request_id" text null, "created_at" timestamptz(3) not null default now(), constraint "audit_log_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "audit_log_account_id_user_id_index" on "audit_log" ("account_id", "user_id");`);
    this.addSql(`create index "audit_log_account_id_action_index" on "audit_log" ("account_id", "action");`);
    this.addSql(
      `create index "audit_log_account_id_target_type_target_id_index" on "audit_log" ("account_id", "target_type", "target_id");`,
    );
    this.addSql(`create index "audit_log_account_id_created_at_id_index" on "audit_log" ("account_id", "created_at", "id");`);

    this.addSql(
      `alter table "region" add constraint "region_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "server" add constraint "server_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "server" add constraint "server_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "server" add constraint "server_edition_code_foreign" foreign key ("edition_code") references "edition" ("code") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "scan_task" add constraint "scan_task_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "scan_task" add constraint "scan_task_server_id_foreign" foreign key ("server_id") references "server" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "quota" add constraint "quota_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "quota" add constraint "quota_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "quota" add constraint "quota_edition_code_foreign" foreign key ("edition_code") references "edition" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "quota" add constraint "quota_server_id_foreign" foreign key ("server_id") references "server" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "finding" add constraint "finding_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "finding" add constraint "finding_server_id_foreign" foreign key ("server_id") references "server" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "alarm" add constraint "alarm_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "alarm" add constraint "alarm_server_id_foreign" foreign key ("server_id") references "server" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "agent" add constraint "agent_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "agent" add constraint "agent_server_id_foreign" foreign key ("server_id") references "server" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "app_user" add constraint "app_user_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "session" add constraint "session_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "audit_log" add constraint "audit_log_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "audit_log" add constraint "audit_log_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete set null;`,
    );

    // Text search over name, hostname and IPs: trigram index when pg_trgm is available
    // (it is in the embedded PostgreSQL and in Debian's server packages); a plain scan otherwise.
    this.addSql(`do $$ begin
      create extension if not exists pg_trgm;
      create index server_search_text_trgm on server using gin (search_text gin_trgm_ops);
    exception when others then
      raise notice 'pg_trgm is not available; server search will scan';
    end $$;`);

    // The last line of defence against binding one quota twice.
    this.addSql(`create unique index "quota_server_id_bound_unique" on "quota" ("server_id") where "server_id" is not null;`);
    this.addSql(
      `create unique index "server_account_id_machine_id_unique" on "server" ("account_id", "machine_id") where "machine_id" is not null;`,
    );

    // The six editions. WTP and CONTAINER include everything PREMIUM has.
    const basic = [
      'ASSET_MANAGEMENT',
      'VULNERABILITY_MANAGEMENT',
      'WEAK_PASSWORD_DETECTION',
      'BRUTE_FORCE_PREVENTION',
      'ABNORMAL_LOGIN_DETECTION',
    ];
    const professional = [...basic, 'UNSAFE_CONFIGURATION_CHECK', 'MALICIOUS_PROGRAM_DETECTION'];
    const enterprise = [
      ...professional,
      'MALICIOUS_PROGRAM_ISOLATION',
      'FILE_INTEGRITY_MONITORING',
      'POLICY_MANAGEMENT',
      'SECURITY_REPORT',
    ];
    const premium = [...enterprise, 'APPLICATION_PROTECTION', 'RANSOMWARE_PREVENTION'];
    const editions: [string, string, string, string[], boolean, number | null, number][] = [
      [
        'BASIC',
        'Basic',
        'Asset inventory, vulnerability and weak-password detection, brute-force prevention and abnormal-login alarms.',
        basic,
        true,
        30,
        1,
      ],
      [
        'PROFESSIONAL',
        'Professional',
        'Basic, plus unsafe-configuration checks and malicious-program detection.',
        professional,
        false,
        null,
        2,
      ],
      [
        'ENTERPRISE',
        'Enterprise',
        'Professional, plus isolation of malicious programs, file integrity monitoring, policy management and security reports. The only edition billed on demand.',
        enterprise,
        true,
        null,
        3,
      ],
      ['PREMIUM', 'Premium', 'Enterprise, plus application protection and ransomware prevention.', premium, false, null, 4],
      [
        'WTP',
        'Web Tamper Protection',
        'Everything in Premium, plus web tamper protection of website directories.',
        [...premium, 'WEB_TAMPER_PROTECTION'],
        false,
        null,
        5,
      ],
      [
        'CONTAINER',
        'Container',
        'Everything in Premium, plus container security.',
        [...premium, 'CONTAINER_SECURITY'],
        false,
        null,
        6,
      ],
    ];
    for (const [code, name, description, features, onDemand, trialDays, rank] of editions) {
      this.addSql(
        this.getKnex()
          .insert({
            code,
            name,
            description,
            features: `{${features.join(',')}}`,
            supports_on_demand: onDemand,
            free_trial_days: trialDays,
            rank,
          })
          .into('edition'),
      );
    }
  }

  override async down(): Promise<void> {
    for (const table of [
      'audit_log',
      'session',
      'app_user',
      'agent',
      'alarm',
      'finding',
      'quota',
      'scan_task',
      'server',
      'region',
      'edition',
      'account',
    ]) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
  }
}
