import { filter, pipe } from '@graphql-yoga/subscription';
import { Region } from '../accounts/region.entity.js';
import { authorize, Permission } from '../auth/permissions.js';
import { notFound } from '../common/errors.js';
import { assertId } from '../common/ids.js';
/**
 * Opens a subscription to `topic` for the caller: authorized when it starts, arguments that
 * name objects must be the caller's (NOT_FOUND otherwise), and every event is checked again
 * for the caller's account and permission before it is delivered.
 */
export async function subscribeScoped(ctx, topic, options) {
    const viewer = authorize(ctx.viewer, Permission.READ);
    const regionId = options.regionId != null ? assertId(options.regionId, 'regionId') : null;
    if (regionId && !(await ctx.em.count(Region, { id: regionId, account: viewer.accountId }))) {
        throw notFound('Region', regionId);
    }
    return pipe(ctx.events.subscribe(topic), filter((payload) => {
        if (payload.accountId !== viewer.accountId)
            return false;
        authorize(ctx.viewer, Permission.READ);
        if (regionId && payload.regionId !== regionId)
            return false;
        return options.accept ? options.accept(payload, viewer) : true;
    }));
}
//# sourceMappingURL=subscriptions.js.map