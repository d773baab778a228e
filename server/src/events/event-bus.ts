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
    subscribe: <T extends Topic>(topic: T) => {
      // A plain iterator rather than an async generator: return() must end a pending next()
      // at once (a generator would queue it behind that next, forever on a quiet topic).
      const inner = (pubSub.subscribe(topic) as AsyncIterable<TopicPayloads[T]>)[Symbol.asyncIterator]();
      let state: 'new' | 'listening' | 'done' = 'new';
      const finish = () => {
        if (state === 'listening') adjust(topic, -1);
        state = 'done';
      };
      const iterator: AsyncIterableIterator<TopicPayloads[T]> = {
        next: async () => {
          if (state === 'new') {
            // The listener is registered synchronously with this first pull, right after the count.
            state = 'listening';
            adjust(topic, 1);
          }
          const result = await inner.next();
          if (result.done) finish();
          return result;
        },
        return: async (value?: unknown) => {
          finish();
          return (await inner.return?.(value)) ?? { done: true, value: undefined };
        },
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    },
    subscriberCount: (topic) => counts.get(topic) ?? 0,
    close: async () => {},
  };
}
