import type { Topic, TopicPayloads } from './topics.js';
/** Publish after commit, subscribe from anywhere. In-process by default. */
export interface EventBus {
    publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): void;
    subscribe<T extends Topic>(topic: T): AsyncIterable<TopicPayloads[T]>;
    /** Listeners on `topic` in this process: a gauge for operators, and a readiness signal for tests. */
    subscriberCount(topic: Topic): number;
    close(): Promise<void>;
}
export declare function createMemoryEventBus(): EventBus;
