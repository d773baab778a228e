import { createPubSub } from '@graphql-yoga/subscription';
import type { Logger } from 'pino';
import type { Topic, TopicPayloads } from './topics.js';

/** Publish after commit, subscribe from anywhere. In-process by default. */
export interface EventBus {
  /**
   * Resolves once the transport has taken the event (never rejects): anything published after
   * that, from any replica, reaches every replica after it. Most publishers need not wait.
   */
  publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): Promise<void>;
  subscribe<T extends Topic>(topic: T): AsyncIterable<TopicPayloads[T]>;
  /**
   * Runs `handler` synchronously as each event of `topic` reaches this process, before the next
   * event does: for state that subscribers of later events must find already changed (the
   * re-check cache of open subscriptions). Returns the function that removes the handler.
   */
  onEvent<T extends Topic>(topic: T, handler: (payload: TopicPayloads[T]) => void): () => void;
  /** Listeners on `topic` in this process: a gauge for operators, and a readiness signal for tests. */
  subscriberCount(topic: Topic): number;
  close(): Promise<void>;
}

type PubSubTopics = { [K in Topic]: [TopicPayloads[K]] };

export function createMemoryEventBus(log?: Logger): EventBus {
  const pubSub = createPubSub<PubSubTopics>();
  const counts = new Map<Topic, number>();
  const adjust = (topic: Topic, by: number) => counts.set(topic, (counts.get(topic) ?? 0) + by);
  const handlers = new Map<Topic, Set<(payload: never) => void>>();
  return {
    publish: async (topic, payload) => {
      for (const handler of handlers.get(topic) ?? []) {
        try {
          handler(payload as never);
        } catch (err) {
          // One broken handler must not keep the event from the others, nor from subscribers.
          log?.error({ err, topic }, 'event handler failed');
        }
      }
      pubSub.publish(topic, payload as never);
    },
    onEvent: (topic, handler) => {
      const set = handlers.get(topic) ?? new Set();
      handlers.set(topic, set);
      set.add(handler as (payload: never) => void);
      return () => set.delete(handler as (payload: never) => void);
    },
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
    close: async () => {
      handlers.clear();
    },
  };
}
