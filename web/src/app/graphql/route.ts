import { apiHttpUrl } from '@/lib/api-url';

/**
 * The console's same-origin door to the API: the browser posts GraphQL here and the session
 * cookie the API sets (HttpOnly, SameSite) lands on the console's own origin. Subscriptions do
 * not pass here; the browser opens the API's WebSocket directly (see lib/urql.tsx).
 */
export const dynamic = 'force-dynamic';

const FORWARDED_REQUEST_HEADERS = [
  'content-type',
  'accept',
  'cookie',
  'authorization',
  'apollo-require-preflight',
  'x-forwarded-for',
];

async function forward(request: Request): Promise<Response> {
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  // The host the browser used, so that what the API builds from it (the agent install command)
  // names the machine people reach, not the console's loopback hop.
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (host) headers.set('x-forwarded-host', host);
  let upstream: Response;
  try {
    upstream = await fetch(`${apiHttpUrl()}/graphql${new URL(request.url).search}`, {
      method: request.method,
      headers,
      body: request.method === 'POST' ? await request.arrayBuffer() : undefined,
      redirect: 'manual',
      cache: 'no-store',
    });
  } catch {
    return Response.json(
      {
        errors: [
          {
            message: 'The HSS API is not reachable from the console. Is the control plane running?',
            extensions: { code: 'API_UNREACHABLE' },
          },
        ],
      },
      { status: 502 },
    );
  }
  const out = new Headers();
  const contentType = upstream.headers.get('content-type');
  if (contentType) out.set('content-type', contentType);
  for (const cookie of upstream.headers.getSetCookie()) out.append('set-cookie', cookie);
  out.set('cache-control', 'no-store');
  return new Response(upstream.body, { status: upstream.status, headers: out });
}

export { forward as GET, forward as POST };
