import { createPubSub } from '@graphql-yoga/subscription';
import type { Topic, TopicPayloads } from './topics.js';

/** Publish after commit, subscribe from anywhere. In-process by default. */
export interface EventBus {
  publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): void;
  subscribe<T extends Topic>(topic: T): AsyncIterable<TopicPayloads[T]>;
  /** Listeners on `topic` in this process: a gauge for operators, and a readiness signal for tests. */
  subscriberCount(topic: Topic): number;
  close(): Promise<void>;
}

type PubSubTopics = { [K in Topic]: [TopicPayloads[K]] };

export function createMemoryEventBus(): EventBus {
  const pubSub = createPubSub<PubSubTopics>();
  const counts = new Map<Topic, number>();
  const adjust = (topic: Topic, by: number) => counts.set(topic, (counts.get(topic) ?? 0) + by);
  return {
    publish: (topic, payload) => pubSub.publish(topic, payload as never),
    subscribe: <T extends Topic>(topic: T) =>
      (async function* () {
        // The listener is registered synchronously with the first pull, right after the count.
        adjust(topic, 1);
        try {
          yield* pubSub.subscribe(topic) as AsyncIterable<TopicPayloads[T]>;
        } finally {
          adjust(topic, -1);
        }
      })(),
    subscriberCount: (topic) => counts.get(topic) ?? 0,
    close: async () => {},
  };
}
