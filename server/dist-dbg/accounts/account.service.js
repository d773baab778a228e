import { UserRole } from '@hss/schema';
import { hashPassword } from '../auth/passwords.js';
import { Account } from './account.entity.js';
import { Region } from './region.entity.js';
import { User } from './user.entity.js';
export const DEFAULT_REGION = { code: 'default', name: 'Default region' };
/** Creates tenants. There is no public sign-up: the first start and operators' tooling call this. */
export class AccountService {
    async createAccount(em, input) {
        const passwordHash = await hashPassword(input.adminPassword);
        return em.transactional(async (tx) => {
            const account = new Account();
            account.name = input.name;
            tx.persist(account);
            const regions = (input.regions ?? [DEFAULT_REGION]).map((r) => {
                const region = new Region();
                region.account = tx.getReference(Account, account.id, { wrapped: true });
                region.code = r.code;
                region.name = r.name;
                tx.persist(region);
                return region;
            });
            const admin = new User();
            admin.account = tx.getReference(Account, account.id, { wrapped: true });
            admin.email = input.adminEmail.toLowerCase();
            admin.displayName = 'Administrator';
            admin.passwordHash = passwordHash;
            admin.role = UserRole.ADMIN;
            tx.persist(admin);
            return { account, admin, regions };
        });
    }
    async addUser(em, accountId, email, password, role) {
        const user = new User();
        user.account = em.getReference(Account, accountId, { wrapped: true });
        user.email = email.toLowerCase();
        user.displayName = email;
        user.passwordHash = await hashPassword(password);
        user.role = role;
        await em.persistAndFlush(user);
        return user;
    }
}
//# sourceMappingURL=account.service.js.map