import { UserRole } from '@hss/schema';
/**
 * What a caller may do. Services authorize themselves (Fleet's rule): a resolver, the gateway
 * or a script cannot reach a rule without passing through here.
 */
export declare enum Permission {
    READ = "read servers, quotas, findings and alarms",
    MANAGE_SERVERS = "register servers",
    MANAGE_PROTECTION = "enable or disable protection",
    MANAGE_QUOTAS = "purchase, bind or unbind quotas",
    RUN_SCANS = "start scans",
    HANDLE_ALARMS = "handle alarms and findings",
    MANAGE_AGENTS = "enroll or revoke agents",
    MANAGE_USERS = "manage users and API tokens",
    READ_AUDIT = "read the audit log"
}
/** The authenticated caller of one request or one subscription. */
export interface Viewer {
    userId: string;
    accountId: string;
    role: UserRole;
    sessionId: string;
}
export declare function can(viewer: Viewer, permission: Permission): boolean;
/** Returns the viewer when it may do `permission`; throws UNAUTHENTICATED or FORBIDDEN otherwise. */
export declare function authorize(viewer: Viewer | null, permission: Permission): Viewer;
