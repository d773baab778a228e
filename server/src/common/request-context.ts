import type { EntityManager } from '@mikro-orm/postgresql';
import type { CookieJar } from '../auth/cookies.js';
import type { Viewer } from '../auth/permissions.js';
import type { EventBus } from '../events/event-bus.js';
import { Loaders } from './loaders.js';

/**
 * Everything one request (or one subscription event) works with: the caller, a fresh
 * unit of work and the request's DataLoaders. Services take it as their first argument.
 */
export class RequestContext {
  private currentEm: EntityManager;
  /** The client's address, for per-IP limits (login). */
  clientIp: string | null = null;
  /** Sets the session cookie on the HTTP response; null over WebSocket. */
  cookies: CookieJar | null = null;
  /** The API's origin as the HTTP client reached it (http://host:port), for commands it shows; null over WebSocket. */
  origin: string | null = null;
  private currentLoaders: Loaders | undefined;

  constructor(
    private readonly rootEm: EntityManager,
    readonly viewer: Viewer | null,
    readonly requestId: string,
    /** Where subscriptions of this request listen. */
    readonly events: EventBus,
    /** The caller as they are now: subscriptions re-check it for every event. */
    readonly recheckViewer: () => Promise<Viewer | null> = async () => viewer,
  ) {
    this.currentEm = rootEm.fork();
  }

  get em(): EntityManager {
    return this.currentEm;
  }

  get loaders(): Loaders {
    this.currentLoaders ??= new Loaders(this.currentEm, this.viewer?.accountId ?? null);
    return this.currentLoaders;
  }

  /**
   * A subscription keeps one context for its whole life; each event must see the database as
   * it is now, not as the identity map and loader caches remember it.
   */
  renew(): void {
    this.currentEm = this.rootEm.fork();
    this.currentLoaders = undefined;
  }
}
