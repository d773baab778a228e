import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createMemoryEventBus, type EventBus } from './event-bus.js';
import { Topic, type TopicPayloads } from './topics.js';

/**
 * The event bus across replicas: every event goes through Redis pub/sub, and each replica
 * (the publisher included) hands what it receives to its own in-process subscribers. Events
 * are fire-and-forget, as subscriptions are: a replica that is down misses them, and clients
 * reload state when they reconnect.
 */
export async function createRedisEventBus(url: string, log: Logger, prefix = 'hss:events:'): Promise<EventBus> {
  const local = createMemoryEventBus(log);
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(url, { lazyConnect: true });
  for (const client of [publisher, subscriber]) {
    client.on('error', (err) => log.warn({ err: { message: err.message } }, 'redis event bus connection error'));
  }
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const topics = new Set<string>(Object.values(Topic));
  subscriber.on('message', (channel: string, message: string) => {
    const topic = channel.slice(prefix.length);
    if (!channel.startsWith(prefix) || !topics.has(topic)) return;
    try {
      void local.publish(topic as Topic, JSON.parse(message));
    } catch (err) {
      log.warn({ err, channel }, 'dropped an unreadable event from redis');
    }
  });
  await subscriber.subscribe(...[...topics].map((t) => prefix + t));
  return {
    async publish<T extends Topic>(topic: T, payload: TopicPayloads[T]) {
      // Redis has queued the message to every subscriber once PUBLISH answers: a later PUBLISH,
      // from any connection, is delivered after it.
      await publisher.publish(prefix + topic, JSON.stringify(payload)).catch((err: Error) => {
        log.error({ err: { message: err.message }, topic }, 'could not publish an event to redis');
      });
    },
    subscribe: local.subscribe,
    onEvent: local.onEvent,
    subscriberCount: local.subscriberCount,
    async close() {
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
      await local.close();
    },
  };
}
