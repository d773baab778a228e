import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { Account } from './account.entity.js';
import type { AccountService } from './account.service.js';

/**
 * The first start creates an account, its default region and an administrator. A generated
 * password is written once to the terminal (not to the log), and never again.
 */
export async function bootstrapFirstAccount(
  em: EntityManager,
  accounts: AccountService,
  config: Config,
  log: Logger,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<void> {
  if ((await em.count(Account, {})) > 0) return;
  const generated = config.adminPassword === undefined;
  const password = config.adminPassword ?? randomBytes(18).toString('base64url');
  const { account, admin } = await accounts.createAccount(em, {
    name: 'Default account',
    adminEmail: config.adminEmail,
    adminPassword: password,
  });
  log.info(
    { accountId: account.id, adminEmail: admin.email },
    'first start: created the account, the default region and the admin user',
  );
  if (generated) {
    print('');
    print('  HSS first start — administrator sign-in (shown once, store it now):');
    print(`    e-mail:   ${admin.email}`);
    print(`    password: ${password}`);
    print('  Set HSS_ADMIN_EMAIL / HSS_ADMIN_PASSWORD before the first start to choose them.');
    print('');
  }
}
