import type { Logger } from 'pino';
import { type EventBus } from './event-bus.js';
/**
 * The event bus across replicas: every event goes through Redis pub/sub, and each replica
 * (the publisher included) hands what it receives to its own in-process subscribers. Events
 * are fire-and-forget, as subscriptions are: a replica that is down misses them, and clients
 * reload state when they reconnect.
 */
export declare function createRedisEventBus(url: string, log: Logger, prefix?: string): Promise<EventBus>;
