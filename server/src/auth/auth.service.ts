import { ErrorCode } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../accounts/account.entity.js';
import { User } from '../accounts/user.entity.js';
import { ApiToken } from '../api-tokens/api-token.entity.js';
import type { AuditService } from '../audit/audit.service.js';
import { badInput, DomainError, unauthenticated } from '../common/errors.js';
import type { RequestContext } from '../common/request-context.js';
import type { EventBus } from '../events/event-bus.js';
import { Topic, type ViewerChangedEvent } from '../events/topics.js';
import { clearedSessionCookie, sessionSetCookie } from './cookies.js';
import { LoginThrottle } from './login-throttle.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { type Credential, lesserRole, type Viewer } from './permissions.js';
import { Session } from './session.entity.js';
import { hashSecret, newSecret } from './tokens.js';

const BEARER = /^Bearer\s+(\S+)$/i;
export const SESSION_PREFIX = 'hss_s';
export const API_TOKEN_PREFIX = 'hss_t';
export const MIN_PASSWORD_LENGTH = 12;
/** lastUsedAt is a hint for people, not a log: one write a minute per token is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** What a request presents: the Authorization header, else the console's session cookie. */
export interface Presented {
  authorization?: string | null | undefined;
  sessionCookie?: string | null | undefined;
}

interface Recheck {
  /** Shared by every event that asks while the query runs. */
  viewer: Promise<Viewer | null>;
  at: number;
  /** Whose credential it is, once known (undefined while the query runs, null for a dead one). */
  userId: string | null | undefined;
}

export class AuthService {
  /**
   * Recent re-checks of open subscriptions' credentials, by credential id, so that a burst of
   * events costs one query. Every replica drops entries as soon as a VIEWER_CHANGED event says
   * they are stale, so the cache never outlives a revocation.
   */
  private readonly rechecks = new Map<string, Recheck>();

  constructor(
    private readonly sessionTtlHours: number,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly throttle = new LoginThrottle(),
  ) {
    // Synchronously, as the event arrives: a subscriber's event published after it must miss the cache.
    events.onEvent(Topic.VIEWER_CHANGED, (change) => this.forgetRechecks(change));
  }

  /**
   * The credential's viewer as it is now (role included), or null once it was revoked, expired or
   * its user removed. Open subscriptions call this for their events; answers are reused for
   * up to `maxAgeMs` unless the credential or its user changes meanwhile.
   */
  recheck(em: EntityManager, credential: Credential, maxAgeMs = 1000): Promise<Viewer | null> {
    const cached = this.rechecks.get(credential.id);
    if (cached && Date.now() - cached.at < maxAgeMs) return cached.viewer;
    if (this.rechecks.size >= 10_000) this.rechecks.clear();
    const entry: Recheck = { viewer: Promise.resolve(null), at: Date.now(), userId: undefined };
    const query =
      credential.kind === 'SESSION'
        ? this.sessionViewer(em, { id: credential.id })
        : this.apiTokenViewer(em, { id: credential.id });
    entry.viewer = query.then(
      (viewer) => {
        entry.userId = viewer?.userId ?? null;
        return viewer;
      },
      (err: unknown) => {
        if (this.rechecks.get(credential.id) === entry) this.rechecks.delete(credential.id);
        throw err;
      },
    );
    this.rechecks.set(credential.id, entry);
    return entry.viewer;
  }

  /**
   * Tells every replica (this one at once) that a credential or a user changed, once the change
   * has committed. Resolves when the event bus has taken it: a later event reaches no replica before it.
   */
  async viewerChanged(change: ViewerChangedEvent): Promise<void> {
    this.forgetRechecks(change);
    await this.events.publish(Topic.VIEWER_CHANGED, change);
  }

  private forgetRechecks(change: ViewerChangedEvent): void {
    if (change.credentialId) this.rechecks.delete(change.credentialId);
    if (!change.userId) return;
    for (const [credentialId, entry] of this.rechecks) {
      // A query still running may belong to the user, and may have read the row before the change.
      if (entry.userId === undefined || entry.userId === change.userId) this.rechecks.delete(credentialId);
    }
  }

  /**
   * Exchanges an e-mail and password for a session token. The token is returned once (and set as
   * the console's HTTP-only cookie); only its hash is kept.
   */
  async login(ctx: RequestContext, email: string, password: string): Promise<{ token: string; expiresAt: Date; user: User }> {
    const em = ctx.em;
    const clientIp = ctx.clientIp ?? 'unknown';
    const normalized = email.trim().toLowerCase();
    this.throttle.check(clientIp, normalized);
    const user = await em.findOne(User, { email: normalized }, { populate: ['passwordHash'] });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok) {
      this.throttle.failed(clientIp, normalized);
      if (user) {
        this.audit.record(em, ctx, user.account.id, {
          action: 'LOGIN_FAILED',
          targetType: 'User',
          targetId: user.id,
          after: { clientIp },
          userId: user.id,
        });
        await em.flush();
      }
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The e-mail or password is wrong. Check both and try again.');
    }
    this.throttle.succeeded(normalized);
    const token = newSecret(SESSION_PREFIX);
    const session = new Session();
    session.account = em.getReference(Account, user.account.id, { wrapped: true });
    session.user = em.getReference(User, user.id, { wrapped: true });
    session.tokenHash = hashSecret(token);
    session.expiresAt = new Date(Date.now() + this.sessionTtlHours * 3600_000);
    em.persist(session);
    this.audit.record(em, ctx, user.account.id, {
      action: 'LOGIN',
      targetType: 'User',
      targetId: user.id,
      after: { clientIp, sessionId: session.id },
      userId: user.id,
    });
    await em.flush();
    ctx.cookies?.setCookie(sessionSetCookie(token, this.sessionTtlHours * 3600, ctx.cookies.secure));
    return { token, expiresAt: session.expiresAt, user };
  }

  /** Revokes the session the request was made with and clears the console's cookie. */
  async logout(ctx: RequestContext): Promise<void> {
    const viewer = ctx.viewer;
    if (!viewer) throw unauthenticated();
    if (viewer.credential.kind !== 'SESSION') {
      throw badInput('logout ends a console session; an API token is ended with revokeApiToken.');
    }
    await ctx.em.nativeUpdate(Session, { id: viewer.credential.id, revokedAt: null }, { revokedAt: new Date() });
    this.audit.record(ctx.em, ctx, viewer.accountId, {
      action: 'LOGOUT',
      targetType: 'User',
      targetId: viewer.userId,
      after: { sessionId: viewer.credential.id },
    });
    await ctx.em.flush();
    await this.viewerChanged({ accountId: viewer.accountId, credentialId: viewer.credential.id, userId: null });
    ctx.cookies?.setCookie(clearedSessionCookie(ctx.cookies.secure));
  }

  /**
   * Changes the signed-in user's password after checking the current one, and revokes every
   * other session of the user (a stolen session does not survive the change); this one stays.
   */
  async changePassword(
    ctx: RequestContext,
    currentPassword: string,
    newPassword: string,
  ): Promise<{ user: User; revokedSessions: number }> {
    const viewer = ctx.viewer;
    if (!viewer) throw unauthenticated();
    if (viewer.credential.kind !== 'SESSION') {
      throw badInput('An API token has no password: sign in with the e-mail and password to change it.');
    }
    if (newPassword.length < MIN_PASSWORD_LENGTH) {
      throw badInput(`The new password must be at least ${MIN_PASSWORD_LENGTH} characters long.`, { field: 'newPassword' });
    }
    if (newPassword === currentPassword) {
      throw badInput('The new password is the same as the current one; choose a different one.', { field: 'newPassword' });
    }
    const user = await ctx.em.findOneOrFail(
      User,
      { id: viewer.userId, account: viewer.accountId },
      { populate: ['passwordHash'] },
    );
    const clientIp = ctx.clientIp ?? 'unknown';
    // Guessing the current password here is throttled like guessing it at sign-in.
    this.throttle.check(clientIp, user.email);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      this.throttle.failed(clientIp, user.email);
      throw badInput('The current password is wrong. Type it again.', { field: 'currentPassword' });
    }
    const passwordHash = await hashPassword(newPassword);
    const revokedSessions = await ctx.em.transactional(async (tx) => {
      await tx.nativeUpdate(User, { id: user.id }, { passwordHash });
      const revoked = await tx.nativeUpdate(
        Session,
        { user: user.id, id: { $ne: viewer.credential.id }, revokedAt: null },
        { revokedAt: new Date() },
      );
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'PASSWORD_CHANGED',
        targetType: 'User',
        targetId: user.id,
        after: { revokedSessions: revoked },
      });
      return revoked;
    });
    await this.viewerChanged({ accountId: viewer.accountId, credentialId: null, userId: user.id });
    return { user, revokedSessions };
  }

  /** The viewer behind a request's Authorization header or session cookie, or null when neither is live. */
  async authenticate(em: EntityManager, presented: Presented): Promise<Viewer | null> {
    const bearer = presented.authorization ? BEARER.exec(presented.authorization.trim())?.[1] : undefined;
    // An Authorization header, even a bad one, wins: a cookie never stands in for a failed token.
    const token = presented.authorization ? bearer : (presented.sessionCookie ?? undefined);
    if (!token || token.length > 200) return null;
    if (token.startsWith(`${API_TOKEN_PREFIX}_`)) {
      return presented.authorization ? this.apiTokenViewer(em, { tokenHash: hashSecret(token) }) : null;
    }
    return this.sessionViewer(em, { tokenHash: hashSecret(token) });
  }

  private async sessionViewer(em: EntityManager, where: { id: string } | { tokenHash: string }): Promise<Viewer | null> {
    const session = await em.findOne(
      Session,
      { ...where, revokedAt: null, expiresAt: { $gt: new Date() } },
      { populate: ['user'] },
    );
    if (!session) return null;
    const user = session.user.getEntity();
    return {
      userId: user.id,
      accountId: session.account.id,
      role: user.role,
      credential: { kind: 'SESSION', id: session.id },
    };
  }

  private async apiTokenViewer(em: EntityManager, where: { id: string } | { tokenHash: string }): Promise<Viewer | null> {
    const now = new Date();
    const token = await em.findOne(
      ApiToken,
      { ...where, revokedAt: null, $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] },
      { populate: ['createdBy'] },
    );
    const creator = token?.createdBy?.getEntity();
    if (!token || !creator) return null;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      // Conditional, so that replicas racing on one token write once.
      await em.nativeUpdate(
        ApiToken,
        {
          id: token.id,
          $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
        },
        { lastUsedAt: now },
      );
    }
    return {
      userId: creator.id,
      accountId: token.account.id,
      role: lesserRole(token.role, creator.role),
      credential: { kind: 'API_TOKEN', id: token.id },
    };
  }
}
