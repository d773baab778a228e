import { ErrorCode } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../accounts/account.entity.js';
import { User } from '../accounts/user.entity.js';
import { DomainError } from '../common/errors.js';
import { LoginThrottle } from './login-throttle.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import type { Viewer } from './permissions.js';
import { Session } from './session.entity.js';
import { hashSecret, newSecret } from './tokens.js';

const BEARER = /^Bearer\s+(\S+)$/i;

export class AuthService {
  /** Recent re-checks of open subscriptions' sessions, so that a burst of events costs one query. */
  private readonly recheckCache = new Map<string, { viewer: Viewer | null; at: number }>();

  constructor(
    private readonly sessionTtlHours: number,
    private readonly throttle = new LoginThrottle(),
  ) {}

  /**
   * The session's viewer as it is now (role included), or null once it was revoked, expired or
   * its user removed. Open subscriptions call this for their events; answers are reused for
   * up to `maxAgeMs`.
   */
  async recheck(em: EntityManager, sessionId: string, maxAgeMs = 1000): Promise<Viewer | null> {
    const cached = this.recheckCache.get(sessionId);
    if (cached && Date.now() - cached.at < maxAgeMs) return cached.viewer;
    const session = await em.findOne(
      Session,
      { id: sessionId, revokedAt: null, expiresAt: { $gt: new Date() } },
      { populate: ['user'] },
    );
    const viewer = session
      ? { userId: session.user.id, accountId: session.account.id, role: session.user.getEntity().role, sessionId }
      : null;
    if (this.recheckCache.size > 10_000) this.recheckCache.clear();
    this.recheckCache.set(sessionId, { viewer, at: Date.now() });
    return viewer;
  }

  /** Exchanges an e-mail and password for a bearer token. The token is returned once; only its hash is kept. */
  async login(
    em: EntityManager,
    email: string,
    password: string,
    clientIp = 'unknown',
  ): Promise<{ token: string; expiresAt: Date; user: User }> {
    const normalized = email.trim().toLowerCase();
    this.throttle.check(clientIp, normalized);
    const user = await em.findOne(User, { email: normalized }, { populate: ['passwordHash'] });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok) {
      this.throttle.failed(clientIp, normalized);
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The e-mail or password is wrong. Check both and try again.');
    }
    this.throttle.succeeded(normalized);
    const token = newSecret('hss_s');
    const session = new Session();
    session.account = em.getReference(Account, user.account.id, { wrapped: true });
    session.user = em.getReference(User, user.id, { wrapped: true });
    session.tokenHash = hashSecret(token);
    session.expiresAt = new Date(Date.now() + this.sessionTtlHours * 3600_000);
    await em.persistAndFlush(session);
    return { token, expiresAt: session.expiresAt, user };
  }

  async logout(em: EntityManager, viewer: Viewer): Promise<void> {
    await em.nativeUpdate(Session, { id: viewer.sessionId, revokedAt: null }, { revokedAt: new Date() });
    this.recheckCache.delete(viewer.sessionId);
  }

  /** The viewer behind an `Authorization` header value, or null when it names no live session. */
  async authenticate(em: EntityManager, authorization: string | undefined | null): Promise<Viewer | null> {
    const token = authorization ? BEARER.exec(authorization.trim())?.[1] : undefined;
    if (!token || token.length > 200) return null;
    const session = await em.findOne(
      Session,
      { tokenHash: hashSecret(token), revokedAt: null, expiresAt: { $gt: new Date() } },
      { populate: ['user'] },
    );
    if (!session) return null;
    const user = session.user.getEntity();
    return { userId: user.id, accountId: session.account.id, role: user.role, sessionId: session.id };
  }
}
