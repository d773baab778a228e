import { Redis } from 'ioredis';
import { createMemoryEventBus } from './event-bus.js';
import { Topic } from './topics.js';
/**
 * The event bus across replicas: every event goes through Redis pub/sub, and each replica
 * (the publisher included) hands what it receives to its own in-process subscribers. Events
 * are fire-and-forget, as subscriptions are: a replica that is down misses them, and clients
 * reload state when they reconnect.
 */
export async function createRedisEventBus(url, log, prefix = 'hss:events:') {
    const local = createMemoryEventBus();
    const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    const subscriber = new Redis(url, { lazyConnect: true });
    for (const client of [publisher, subscriber]) {
        client.on('error', (err) => log.warn({ err: { message: err.message } }, 'redis event bus connection error'));
    }
    await Promise.all([publisher.connect(), subscriber.connect()]);
    const topics = new Set(Object.values(Topic));
    subscriber.on('message', (channel, message) => {
        const topic = channel.slice(prefix.length);
        if (!channel.startsWith(prefix) || !topics.has(topic))
            return;
        try {
            local.publish(topic, JSON.parse(message));
        }
        catch (err) {
            log.warn({ err, channel }, 'dropped an unreadable event from redis');
        }
    });
    await subscriber.subscribe(...[...topics].map((t) => prefix + t));
    return {
        publish(topic, payload) {
            publisher.publish(prefix + topic, JSON.stringify(payload)).catch((err) => {
                log.error({ err: { message: err.message }, topic }, 'could not publish an event to redis');
            });
        },
        subscribe: local.subscribe,
        subscriberCount: local.subscriberCount,
        async close() {
            await Promise.allSettled([subscriber.quit(), publisher.quit()]);
            await local.close();
        },
    };
}
//# sourceMappingURL=redis-event-bus.js.map