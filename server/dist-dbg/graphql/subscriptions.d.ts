import { type Viewer } from '../auth/permissions.js';
import type { RequestContext } from '../common/request-context.js';
import type { Topic, TopicPayloads } from '../events/topics.js';
/**
 * Opens a subscription to `topic` for the caller: authorized when it starts, arguments that
 * name objects must be the caller's (NOT_FOUND otherwise), and every event is checked again
 * for the caller's account and permission before it is delivered.
 */
export declare function subscribeScoped<T extends Topic>(ctx: RequestContext, topic: T, options: {
    regionId?: string | null | undefined;
    accept?: (payload: TopicPayloads[T], viewer: Viewer) => boolean;
}): Promise<AsyncIterable<TopicPayloads[T]>>;
