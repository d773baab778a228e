import { randomBytes } from 'node:crypto';
import { Account } from './account.entity.js';
/**
 * The first start creates an account, its default region and an administrator. A generated
 * password is written once to the terminal (not to the log), and never again.
 */
export async function bootstrapFirstAccount(em, accounts, config, log, print = (line) => process.stdout.write(`${line}\n`)) {
    if ((await em.count(Account, {})) > 0)
        return;
    const generated = config.adminPassword === undefined;
    const password = config.adminPassword ?? randomBytes(18).toString('base64url');
    const { account, admin } = await accounts.createAccount(em, {
        name: 'Default account',
        adminEmail: config.adminEmail,
        adminPassword: password,
    });
    log.info({ accountId: account.id, adminEmail: admin.email }, 'first start: created the account, the default region and the admin user');
    if (generated) {
        print('');
        print('  HSS first start — administrator sign-in (shown once, store it now):');
        print(`    e-mail:   ${admin.email}`);
        print(`    password: ${password}`);
        print('  Set HSS_ADMIN_EMAIL / HSS_ADMIN_PASSWORD before the first start to choose them.');
        print('');
    }
}
//# sourceMappingURL=bootstrap.js.map