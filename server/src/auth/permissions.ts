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

/** The authenticated caller of one request or one subscription. */
export interface Viewer {
  userId: string;
  accountId: string;
  role: UserRole;
  sessionId: string;
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
