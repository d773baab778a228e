import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/permissions.js';
import type { EventBus } from '../events/event-bus.js';
import { Loaders } from './loaders.js';
/**
 * Everything one request (or one subscription event) works with: the caller, a fresh
 * unit of work and the request's DataLoaders. Services take it as their first argument.
 */
export declare class RequestContext {
    private readonly rootEm;
    readonly viewer: Viewer | null;
    readonly requestId: string;
    /** Where subscriptions of this request listen. */
    readonly events: EventBus;
    private currentEm;
    private currentLoaders;
    constructor(rootEm: EntityManager, viewer: Viewer | null, requestId: string, 
    /** Where subscriptions of this request listen. */
    events: EventBus);
    get em(): EntityManager;
    get loaders(): Loaders;
    /**
     * A subscription keeps one context for its whole life; each event must see the database as
     * it is now, not as the identity map and loader caches remember it.
     */
    renew(): void;
}
