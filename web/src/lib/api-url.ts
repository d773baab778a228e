/** Where the console's server reaches the API (server side only). */
export function apiHttpUrl(): string {
  return (process.env.HSS_API_URL ?? `http://127.0.0.1:${process.env.HSS_API_PORT ?? '4000'}`).replace(/\/$/, '');
}

/**
 * What the browser needs to open the API's WebSocket: an explicit URL, or the API port to use
 * on the host the console was loaded from (cookies ignore ports, so the session cookie goes along).
 */
export function browserWsConfig(): { wsUrl: string | null; apiPort: string } {
  return { wsUrl: process.env.HSS_PUBLIC_GRAPHQL_WS_URL ?? null, apiPort: process.env.HSS_API_PORT ?? '4000' };
}
