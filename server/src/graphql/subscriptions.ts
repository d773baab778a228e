import { filter, pipe } from '@graphql-yoga/subscription';
import { Region } from '../accounts/region.entity.js';
import { authorize, Permission, type Viewer } from '../auth/permissions.js';
import { notFound } from '../common/errors.js';
import { assertId } from '../common/ids.js';
import type { RequestContext } from '../common/request-context.js';
import type { RegionTopic, TopicPayloads } from '../events/topics.js';
import { Server } from '../servers/server.entity.js';

/**
 * Opens a subscription to `topic` for the caller: authorized when it starts, arguments that
 * name objects must be the caller's (NOT_FOUND otherwise), and every event is checked again
 * for the caller's account and permission before it is delivered.
 */
export async function subscribeScoped<T extends RegionTopic>(
  ctx: RequestContext,
  topic: T,
  options: {
    regionId?: string | null | undefined;
    /** Servers the arguments name: each must be the caller's. */
    serverIds?: readonly string[] | null | undefined;
    accept?: (payload: TopicPayloads[T], viewer: Viewer) => boolean;
  },
): Promise<AsyncIterable<TopicPayloads[T]>> {
  const viewer = authorize(ctx.viewer, Permission.READ);
  const regionId = options.regionId != null ? assertId(options.regionId, 'regionId') : null;
  if (regionId && !(await ctx.em.count(Region, { id: regionId, account: viewer.accountId }))) {
    throw notFound('Region', regionId);
  }
  if (options.serverIds?.length) {
    const ids = [...new Set(options.serverIds.map((id) => assertId(id, 'serverIds')))];
    const own = await ctx.em.find(Server, { id: { $in: ids }, account: viewer.accountId }, { fields: ['id'] });
    const missing = ids.find((id) => !own.some((s) => s.id === id));
    if (missing) throw notFound('Server', missing);
  }
  return pipe(
    ctx.events.subscribe(topic),
    filter(async (payload: TopicPayloads[T]) => {
      if (payload.accountId !== viewer.accountId) return false;
      // A token revoked, or a role taken away, since the subscription started ends it here.
      const current = authorize(await ctx.recheckViewer(), Permission.READ);
      if (current.accountId !== viewer.accountId) return false;
      if (regionId && payload.regionId !== regionId) return false;
      return options.accept ? options.accept(payload, current) : true;
    }),
  );
}
