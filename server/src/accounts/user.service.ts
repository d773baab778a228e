import { UserRole } from '@hss/schema';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiToken } from '../api-tokens/api-token.entity.js';
import type { AuditService } from '../audit/audit.service.js';
import { MIN_PASSWORD_LENGTH } from '../auth/auth.service.js';
import { hashPassword } from '../auth/passwords.js';
import { assertMayGrant, authorize, Permission, type Viewer } from '../auth/permissions.js';
import { badInput, notFound } from '../common/errors.js';
import { keysetPage, OrderDirection, type Page, type PageRequest } from '../common/pagination.js';
import type { RequestContext } from '../common/request-context.js';
import type { ViewerChangedEvent } from '../events/topics.js';
import { Account } from './account.entity.js';
import { User } from './user.entity.js';
import type { CreateUserInput } from './user.inputs.js';

const userSnapshot = (user: User) => ({ email: user.email, displayName: user.displayName, role: user.role });

/** People of an account, managed by its administrators. */
export class UserService {
  constructor(
    private readonly audit: AuditService,
    /** Called after a role change or a deletion commits, so that open subscriptions on every replica see it at their next event. */
    private readonly viewerChanged: (change: ViewerChangedEvent) => Promise<void>,
  ) {}

  async list(ctx: RequestContext, page: PageRequest): Promise<Page<User>> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_USERS);
    const qb = ctx.em.createQueryBuilder(User, 'u').where({ account: viewer.accountId });
    return keysetPage(
      qb,
      'u',
      { name: 'EMAIL', property: 'email', column: 'email', cast: 'text', valueOf: (u) => u.email },
      OrderDirection.ASC,
      page,
    );
  }

  async create(ctx: RequestContext, input: CreateUserInput): Promise<User> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_USERS);
    assertMayGrant(viewer, input.role);
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      throw badInput(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`, { field: 'password' });
    }
    const email = input.email.trim().toLowerCase();
    const taken = () => badInput(`A user with the e-mail ${email} already exists; choose another e-mail.`, { field: 'email' });
    if (await ctx.em.count(User, { email })) throw taken();
    const user = new User();
    user.account = ctx.em.getReference(Account, viewer.accountId, { wrapped: true });
    user.email = email;
    user.displayName = input.displayName.trim() || email;
    user.passwordHash = await hashPassword(input.password);
    user.role = input.role;
    try {
      await ctx.em.transactional(async (tx) => {
        tx.persist(user);
        this.audit.record(tx, ctx, viewer.accountId, {
          action: 'CREATE_USER',
          targetType: 'User',
          targetId: user.id,
          after: userSnapshot(user),
        });
      });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) throw taken();
      throw err;
    }
    return user;
  }

  /** Takes effect at once: every request reads the role anew, and open subscriptions re-check it. */
  async updateRole(ctx: RequestContext, userId: string, role: UserRole): Promise<User> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_USERS);
    assertMayGrant(viewer, role);
    const user = await ctx.em.transactional(async (tx) => {
      const target = await this.lockForAdminChange(tx, viewer, userId, role !== UserRole.ADMIN);
      if (target.role === role) return target;
      const before = userSnapshot(target);
      assertMayGrant(viewer, target.role);
      target.role = role;
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'UPDATE_USER_ROLE',
        targetType: 'User',
        targetId: target.id,
        before,
        after: userSnapshot(target),
      });
      return target;
    });
    // The user's API tokens act with at most the user's role: they are covered by the user id.
    await this.viewerChanged({ accountId: viewer.accountId, credentialId: null, userId: user.id });
    return user;
  }

  /**
   * Removes the user: their sessions end with them, and the API tokens they created are revoked
   * (a token acts on its creator's behalf). Their audit rows stay, without the link to them.
   */
  async delete(ctx: RequestContext, userId: string): Promise<string> {
    const viewer = authorize(ctx.viewer, Permission.MANAGE_USERS);
    await ctx.em.transactional(async (tx) => {
      const target = await this.lockForAdminChange(tx, viewer, userId, true);
      assertMayGrant(viewer, target.role);
      const revokedTokens = await tx.nativeUpdate(ApiToken, { createdBy: target.id, revokedAt: null }, { revokedAt: new Date() });
      this.audit.record(tx, ctx, viewer.accountId, {
        action: 'DELETE_USER',
        targetType: 'User',
        targetId: target.id,
        before: userSnapshot(target),
        after: { revokedApiTokens: revokedTokens },
        // Whoever deletes themself is gone when the row is written: the row keeps their e-mail in `before`.
        ...(target.id === viewer.userId ? { userId: null } : {}),
      });
      await tx.flush();
      await tx.nativeDelete(User, { id: target.id });
    });
    await this.viewerChanged({ accountId: viewer.accountId, credentialId: null, userId });
    return userId;
  }

  /**
   * Loads the account's user `userId` (NOT_FOUND otherwise) with the account's administrators
   * locked, so that two administrators demoting each other at once cannot leave none.
   */
  private async lockForAdminChange(tx: EntityManager, viewer: Viewer, userId: string, removesAdmin: boolean): Promise<User> {
    const admins = await tx.find(
      User,
      { account: viewer.accountId, role: UserRole.ADMIN },
      { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
    );
    const target = admins.find((u) => u.id === userId) ?? (await tx.findOne(User, { id: userId, account: viewer.accountId }));
    if (!target) throw notFound('User', userId);
    if (removesAdmin && target.role === UserRole.ADMIN && admins.length <= 1) {
      throw badInput(
        target.id === viewer.userId
          ? 'You are the last administrator of the account: make another user ADMIN first.'
          : `${target.email} is the last administrator of the account: make another user ADMIN first.`,
        { field: 'userId' },
      );
    }
    return target;
  }
}
