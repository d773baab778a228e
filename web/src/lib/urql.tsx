'use client';

import { createClient as createWsClient } from 'graphql-ws';
import { type ReactNode, useState } from 'react';
import { Client, cacheExchange, fetchExchange, Provider, subscriptionExchange } from 'urql';

function wsUrlFor(config: { wsUrl: string | null; apiPort: string }): string {
  if (config.wsUrl) return config.wsUrl;
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.hostname}:${config.apiPort}/graphql`;
}

function makeClient(config: { wsUrl: string | null; apiPort: string }): Client {
  // Subscriptions authenticate with the session cookie sent on the WebSocket upgrade.
  const ws =
    typeof window === 'undefined'
      ? null
      : createWsClient({ url: wsUrlFor(config), lazy: true, retryAttempts: Number.POSITIVE_INFINITY, shouldRetry: () => true });
  return new Client({
    url: '/graphql',
    // Apollo's CSRF prevention refuses simple GETs: always POST JSON.
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: { credentials: 'same-origin' },
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        enableAllOperations: false,
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              if (!ws) return { unsubscribe: () => {} };
              const dispose = ws.subscribe(input, sink);
              return { unsubscribe: dispose };
            },
          };
        },
      }),
    ],
  });
}

export function GraphqlProvider({
  config,
  children,
}: {
  config: { wsUrl: string | null; apiPort: string };
  children: ReactNode;
}) {
  const [client] = useState(() => makeClient(config));
  return <Provider value={client}>{children}</Provider>;
}
