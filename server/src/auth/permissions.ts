import { UserRole } from '@hss/schema';
import { forbidden, unauthenticated } from '../common/errors.js';

/**
 * What a caller may do. Services authorize themselves (Fleet's rule): a resolver, the gateway
 * or a script cannot reach a rule without passing through here.
 */
export enum Permission {
  READ = 'read servers, quotas, findings and alarms',
  MANAGE_SERVERS = 'register servers',
  MANAGE_PROTECTION = 'enable or disable protection',
  MANAGE_QUOTAS = 'purchase, bind or unbind quotas',
  RUN_SCANS = 'start scans',
  HANDLE_ALARMS = 'handle alarms and findings',
  MANAGE_AGENTS = 'enroll or revoke agents',
  MANAGE_USERS = 'manage users and API tokens',
  READ_AUDIT = 'read the audit log',
}

const OPERATOR: Permission[] = [
  Permission.READ,
  Permission.MANAGE_SERVERS,
  Permission.MANAGE_PROTECTION,
  Permission.MANAGE_QUOTAS,
  Permission.RUN_SCANS,
  Permission.HANDLE_ALARMS,
  Permission.MANAGE_AGENTS,
];

const ROLE_PERMISSIONS: Record<UserRole, ReadonlySet<Permission>> = {
  [UserRole.ADMIN]: new Set(Object.values(Permission)),
  [UserRole.OPERATOR]: new Set(OPERATOR),
  [UserRole.VIEWER]: new Set([Permission.READ]),
};

/** What a caller signed in with: a console session (login) or an integration's API token. */
export interface Credential {
  kind: 'SESSION' | 'API_TOKEN';
  id: string;
}

/** The authenticated caller of one request or one subscription. */
export interface Viewer {
  /** The person, or for an API token the person who created it (audit rows name them). */
  userId: string;
  accountId: string;
  role: UserRole;
  credential: Credential;
}

const ROLE_RANK: Record<UserRole, number> = { [UserRole.VIEWER]: 0, [UserRole.OPERATOR]: 1, [UserRole.ADMIN]: 2 };

/** The lesser of two roles: an API token never does more than its creator may now. */
export function lesserRole(a: UserRole, b: UserRole): UserRole {
  return ROLE_RANK[a] <= ROLE_RANK[b] ? a : b;
}

/** Refuses to hand out (to a user or a token) a role above the caller's own. */
export function assertMayGrant(viewer: Viewer, role: UserRole): void {
  if (ROLE_RANK[role] > ROLE_RANK[viewer.role]) throw forbidden(`grant the role ${role}`, viewer.role);
}

export function can(viewer: Viewer, permission: Permission): boolean {
  return ROLE_PERMISSIONS[viewer.role].has(permission);
}

/** Returns the viewer when it may do `permission`; throws UNAUTHENTICATED or FORBIDDEN otherwise. */
export function authorize(viewer: Viewer | null, permission: Permission): Viewer {
  if (!viewer) throw unauthenticated();
  if (!can(viewer, permission)) throw forbidden(permission, viewer.role);
  return viewer;
}
