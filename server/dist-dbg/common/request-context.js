import { Loaders } from './loaders.js';
/**
 * Everything one request (or one subscription event) works with: the caller, a fresh
 * unit of work and the request's DataLoaders. Services take it as their first argument.
 */
export class RequestContext {
    constructor(rootEm, viewer, requestId, 
    /** Where subscriptions of this request listen. */
    events) {
        this.rootEm = rootEm;
        this.viewer = viewer;
        this.requestId = requestId;
        this.events = events;
        this.currentEm = rootEm.fork();
    }
    get em() {
        return this.currentEm;
    }
    get loaders() {
        this.currentLoaders ??= new Loaders(this.currentEm, this.viewer?.accountId ?? null);
        return this.currentLoaders;
    }
    /**
     * A subscription keeps one context for its whole life; each event must see the database as
     * it is now, not as the identity map and loader caches remember it.
     */
    renew() {
        this.currentEm = this.rootEm.fork();
        this.currentLoaders = undefined;
    }
}
//# sourceMappingURL=request-context.js.map