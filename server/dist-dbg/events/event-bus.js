import { createPubSub } from '@graphql-yoga/subscription';
export function createMemoryEventBus() {
    const pubSub = createPubSub();
    const counts = new Map();
    const adjust = (topic, by) => counts.set(topic, (counts.get(topic) ?? 0) + by);
    return {
        publish: (topic, payload) => pubSub.publish(topic, payload),
        subscribe: (topic) => {
            // A plain iterator rather than an async generator: return() must end a pending next()
            // at once (a generator would queue it behind that next, forever on a quiet topic).
            const inner = pubSub.subscribe(topic)[Symbol.asyncIterator]();
            let state = 'new';
            const finish = () => {
                if (state === 'listening')
                    adjust(topic, -1);
                state = 'done';
            };
            const iterator = {
                next: async () => {
                    if (state === 'new') {
                        // The listener is registered synchronously with this first pull, right after the count.
                        state = 'listening';
                        adjust(topic, 1);
                    }
                    const result = await inner.next();
                    if (result.done)
                        finish();
                    return result;
                },
                return: async (value) => {
                    finish();
                    return (await inner.return?.(value)) ?? { done: true, value: undefined };
                },
                [Symbol.asyncIterator]: () => iterator,
            };
            return iterator;
        },
        subscriberCount: (topic) => counts.get(topic) ?? 0,
        close: async () => { },
    };
}
//# sourceMappingURL=event-bus.js.map