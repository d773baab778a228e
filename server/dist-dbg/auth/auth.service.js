import { ErrorCode } from '@hss/schema';
import { Account } from '../accounts/account.entity.js';
import { User } from '../accounts/user.entity.js';
import { DomainError } from '../common/errors.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { Session } from './session.entity.js';
import { hashSecret, newSecret } from './tokens.js';
const BEARER = /^Bearer\s+(\S+)$/i;
export class AuthService {
    constructor(sessionTtlHours) {
        this.sessionTtlHours = sessionTtlHours;
    }
    /** Exchanges an e-mail and password for a bearer token. The token is returned once; only its hash is kept. */
    async login(em, email, password) {
        const user = await em.findOne(User, { email: email.trim().toLowerCase() }, { populate: ['passwordHash'] });
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
        if (!user || !ok) {
            throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The e-mail or password is wrong. Check both and try again.');
        }
        const token = newSecret('hss_s');
        const session = new Session();
        session.account = em.getReference(Account, user.account.id, { wrapped: true });
        session.user = em.getReference(User, user.id, { wrapped: true });
        session.tokenHash = hashSecret(token);
        session.expiresAt = new Date(Date.now() + this.sessionTtlHours * 3600_000);
        await em.persistAndFlush(session);
        return { token, expiresAt: session.expiresAt, user };
    }
    async logout(em, viewer) {
        await em.nativeUpdate(Session, { id: viewer.sessionId, revokedAt: null }, { revokedAt: new Date() });
    }
    /** The viewer behind an `Authorization` header value, or null when it names no live session. */
    async authenticate(em, authorization) {
        const token = authorization ? BEARER.exec(authorization.trim())?.[1] : undefined;
        if (!token || token.length > 200)
            return null;
        const session = await em.findOne(Session, { tokenHash: hashSecret(token), revokedAt: null, expiresAt: { $gt: new Date() } }, { populate: ['user'] });
        if (!session)
            return null;
        const user = session.user.getEntity();
        return { userId: user.id, accountId: session.account.id, role: user.role, sessionId: session.id };
    }
}
//# sourceMappingURL=auth.service.js.map