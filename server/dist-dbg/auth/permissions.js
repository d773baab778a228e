import { UserRole } from '@hss/schema';
import { forbidden, unauthenticated } from '../common/errors.js';
/**
 * What a caller may do. Services authorize themselves (Fleet's rule): a resolver, the gateway
 * or a script cannot reach a rule without passing through here.
 */
export var Permission;
(function (Permission) {
    Permission["READ"] = "read servers, quotas, findings and alarms";
    Permission["MANAGE_SERVERS"] = "register servers";
    Permission["MANAGE_PROTECTION"] = "enable or disable protection";
    Permission["MANAGE_QUOTAS"] = "purchase, bind or unbind quotas";
    Permission["RUN_SCANS"] = "start scans";
    Permission["HANDLE_ALARMS"] = "handle alarms and findings";
    Permission["MANAGE_AGENTS"] = "enroll or revoke agents";
    Permission["MANAGE_USERS"] = "manage users and API tokens";
    Permission["READ_AUDIT"] = "read the audit log";
})(Permission || (Permission = {}));
const OPERATOR = [
    Permission.READ,
    Permission.MANAGE_SERVERS,
    Permission.MANAGE_PROTECTION,
    Permission.MANAGE_QUOTAS,
    Permission.RUN_SCANS,
    Permission.HANDLE_ALARMS,
    Permission.MANAGE_AGENTS,
];
const ROLE_PERMISSIONS = {
    [UserRole.ADMIN]: new Set(Object.values(Permission)),
    [UserRole.OPERATOR]: new Set(OPERATOR),
    [UserRole.VIEWER]: new Set([Permission.READ]),
};
export function can(viewer, permission) {
    return ROLE_PERMISSIONS[viewer.role].has(permission);
}
/** Returns the viewer when it may do `permission`; throws UNAUTHENTICATED or FORBIDDEN otherwise. */
export function authorize(viewer, permission) {
    if (!viewer)
        throw unauthenticated();
    if (!can(viewer, permission))
        throw forbidden(permission, viewer.role);
    return viewer;
}
//# sourceMappingURL=permissions.js.map