import { createPubSub } from '@graphql-yoga/subscription';
import type { Topic, TopicPayloads } from './topics.js';

/** Publish after commit, subscribe from anywhere. In-process by default. */
export interface EventBus {
  publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): void;
  subscribe<T extends Topic>(topic: T): AsyncIterable<TopicPayloads[T]>;
  close(): Promise<void>;
}

type PubSubTopics = { [K in Topic]: [TopicPayloads[K]] };

export function createMemoryEventBus(): EventBus {
  const pubSub = createPubSub<PubSubTopics>();
  return {
    publish: (topic, payload) => pubSub.publish(topic, payload as never),
    subscribe: (topic) => pubSub.subscribe(topic) as AsyncIterable<never>,
    close: async () => {},
  };
}
