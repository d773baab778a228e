import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Cron } from 'croner';
import express from 'express';
import { type GraphQLError, type GraphQLFormattedError, parse, specifiedRules, validate } from 'graphql';
import { GRAPHQL_TRANSPORT_WS_PROTOCOL } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { bootstrapFirstAccount } from './accounts/bootstrap.js';
import { AgentInstallService, requestOrigin } from './agents/agent-install.service.js';
import { pruneAgentMessages } from './agents/agent-messages.js';
import { sessionCookieFrom } from './auth/cookies.js';
import type { Viewer } from './auth/permissions.js';
import { RequestContext } from './common/request-context.js';
import type { Config } from './config/config.js';
import { migrate, openOrm } from './db/orm.js';
import { createMemoryEventBus, type EventBus } from './events/event-bus.js';
import { type Gateway, type GatewayOptions, startGateway } from './gateway/gateway.js';
import { formatError } from './graphql/errors.js';
import { costLimitError, LIMIT_RULES, QUERY_LIMITS } from './graphql/limits.js';
import { buildHssSchema } from './graphql/schema.js';
import { createServices, type Services } from './services.js';

export interface AppOptions {
  config: Config;
  databaseUrl: string;
  log: Logger;
  events?: EventBus;
  /** Port for the API; 0 picks a free one (tests). Defaults to config.apiPort. */
  port?: number;
  /** Every SQL statement, for tests that count them. */
  onQuery?: (sql: string) => void;
  /** Create the first account when the database has none (npm start). */
  bootstrap?: boolean;
  /** Run the periodic jobs (quota expiry). */
  scheduler?: boolean;
  /** Start the agent gateway on this port (0: a free one). Undefined: no gateway. */
  gatewayPort?: number;
  /** Overrides of the gateway's timings, for tests. */
  gateway?: Partial<Pick<GatewayOptions, 'heartbeatTimeoutMs' | 'authTimeoutMs' | 'flushIntervalMs' | 'messageRate'>>;
}

export interface HssApp {
  orm: MikroORM;
  services: Services;
  /** http://127.0.0.1:<port> */
  url: string;
  /** The agent gateway, when started. */
  gateway: Gateway | undefined;
  stop(): Promise<void>;
}

const MAX_REQUEST_BYTES = 1024 * 1024;

/** Starts the control plane's API: migrations, services, GraphQL over HTTP and WebSocket on one port. */
export async function startApp(opts: AppOptions): Promise<HssApp> {
  const { config, log } = opts;
  const events = opts.events ?? createMemoryEventBus();
  const orm = await openOrm({ databaseUrl: opts.databaseUrl, poolMax: config.dbPoolMax, logger: log, onQuery: opts.onQuery });
  try {
    await migrate(orm);
  } catch (err) {
    await orm.close();
    throw err;
  }
  // Both ports are known for sure once listening (tests ask for free ones).
  let apiPort = opts.port ?? config.apiPort;
  let gatewayPort = opts.gatewayPort ?? config.gatewayPort;
  const agentInstall = new AgentInstallService({
    apiPort: () => apiPort,
    publicUrl: config.publicUrl,
    publicGatewayUrl: config.publicGatewayUrl,
    tls: Boolean(config.tls),
    caPem: config.tls?.caFile ? fs.readFileSync(config.tls.caFile, 'utf8') : undefined,
    gatewayPort: () => gatewayPort,
    log,
  });
  const services = createServices(events, { sessionTtlHours: config.sessionTtlHours, agentInstall });
  if (opts.bootstrap) await bootstrapFirstAccount(orm.em.fork(), services.accounts, config, log);

  const schema = await buildHssSchema(services);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);

  // The Authorization header (integrations, tests), else the console's HTTP-only session cookie.
  const authenticate = (authorization: unknown, cookieHeader: string | undefined): Promise<Viewer | null> =>
    services.auth.authenticate(orm.em.fork(), {
      authorization: typeof authorization === 'string' ? authorization : null,
      sessionCookie: sessionCookieFrom(cookieHeader),
    });
  const newContext = (viewer: Viewer | null) =>
    new RequestContext(orm.em, viewer, randomUUID(), events, async () =>
      viewer ? services.auth.recheck(orm.em.fork(), viewer.credential) : null,
    );

  // Browsers send an Origin: only the console's may open a socket (cross-site WebSocket hijacking);
  // integrations without an Origin authenticate with their token like any other client.
  const allowedOrigins = new Set(config.allowedOrigins);
  const wss = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: MAX_REQUEST_BYTES,
    verifyClient: (
      { origin, req }: { origin?: string; req: http.IncomingMessage },
      done: (ok: boolean, code?: number, message?: string) => void,
    ) => {
      if (origin && !allowedOrigins.has(origin)) return done(false, 401, 'Origin not allowed');
      // Only graphql-ws's protocol: a client of the legacy subscriptions-transport-ws (or a bare
      // socket) is refused at the upgrade instead of being left half-connected.
      const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((p) => p.trim());
      if (!protocols.includes(GRAPHQL_TRANSPORT_WS_PROTOCOL)) {
        return done(false, 400, `Use the ${GRAPHQL_TRANSPORT_WS_PROTOCOL} subprotocol`);
      }
      done(true);
    },
  });
  const maskAll = (errors: readonly GraphQLFormattedError[], requestId: string) =>
    errors.map((e) => formatError(e, e, log, requestId));
  const wsServer = useServer<{ authorization?: unknown }, { viewer?: Viewer | null; requestId?: string }>(
    {
      schema,
      // The same limits as over HTTP: graphql-ws does not go through Apollo's pipeline.
      parse: (source) => parse(source, { maxTokens: QUERY_LIMITS.maxTokens }),
      validate: (schema, document) => validate(schema, document, [...specifiedRules, ...LIMIT_RULES]),
      // Refused before any resolver, like over HTTP; the variables are known only here.
      onSubscribe: (_ctx, _id, payload) => {
        let document: ReturnType<typeof parse>;
        try {
          document = parse(payload.query, { maxTokens: QUERY_LIMITS.maxTokens });
        } catch {
          return; // graphql-ws parses again and reports the syntax error itself.
        }
        const error = costLimitError(schema, document, payload.operationName, payload.variables, config.graphqlMaxCost);
        return error ? [error] : undefined;
      },
      // A connection without a valid token is refused at connection_init (close 4403). The
      // console's browser sends its session cookie with the upgrade request instead of a token.
      onConnect: async (ctx) => {
        const viewer = await authenticate(ctx.connectionParams?.authorization, ctx.extra.request.headers.cookie);
        if (!viewer) return false;
        ctx.extra.viewer = viewer;
        return true;
      },
      context: (ctx) => newContext(ctx.extra.viewer ?? null),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: maskAll(result.errors as GraphQLError[], randomUUID()) as never } : result,
      onError: (_ctx, _id, _payload, errors) => maskAll(errors, randomUUID()) as never,
    },
    wss,
  );

  const logUnexpected: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const err of errors) (err as { requestId?: string }).requestId = contextValue.requestId;
        },
      };
    },
  };
  const costLimit: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName, response }) {
          const error = costLimitError(schema, document, operationName, request.variables, config.graphqlMaxCost);
          if (error) {
            response.http.status = 400;
            throw error;
          }
        },
      };
    },
  };
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.env !== 'production',
    // No "did you mean …" hints that map the schema for a stranger.
    hideSchemaDetailsFromClientErrors: config.env === 'production',
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    validationRules: LIMIT_RULES,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    // main.ts owns SIGINT/SIGTERM and stops the app in order; Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) =>
      formatError(formatted, error, log, (error as { requestId?: string })?.requestId ?? randomUUID()),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsServer.dispose();
            },
          };
        },
      },
      logUnexpected,
      costLimit,
    ],
  });
  await apollo.start();

  app.get('/healthz', async (_req, res) => {
    try {
      await orm.em.fork().execute('select 1');
      res.json({ status: 'ok', database: 'ok' });
    } catch {
      res.status(503).json({ status: 'degraded', database: 'unreachable' });
    }
  });
  app.use('/agent', agentInstall.router());
  app.use(
    '/graphql',
    express.json({ limit: MAX_REQUEST_BYTES }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const ctx = newContext(await authenticate(req.headers.authorization, req.headers.cookie));
        ctx.clientIp = req.socket.remoteAddress ?? null;
        ctx.cookies = { secure: req.secure || config.cookieSecure, setCookie: (cookie) => res.append('Set-Cookie', cookie) };
        ctx.origin = requestOrigin(req.headers, apiPort);
        return ctx;
      },
    }),
  );

  const jobs: Cron[] = [];
  if (opts.scheduler) {
    const job = (pattern: string, name: string, work: () => Promise<unknown>, timezone?: string) =>
      jobs.push(
        new Cron(
          pattern,
          { protect: true, ...(timezone ? { timezone } : {}), catch: (err) => log.error({ err, job: name }, 'job failed') },
          async () => {
            await work();
          },
        ),
      );
    const em = () => orm.em.fork();
    job('0 * * * * *', 'quota expiry', async () => {
      const expired = await services.quotas.expireDue(em());
      if (expired) log.info({ expired }, 'quotas expired');
    });
    // Every protected server is scanned daily at 00:00 in HSS_SCAN_TZ; the day's scan is unique
    // per server, so replicas may all run this. At start, today's scan is queued if missing.
    const daily = async () => {
      const queued = await services.scans.scheduleDaily(em(), calendarDay(new Date(), config.scanTimeZone));
      if (queued) log.info({ queued }, 'daily scans queued');
    };
    job('0 0 0 * * *', 'daily scan', daily, config.scanTimeZone);
    await daily();
    job('30 * * * * *', 'scan timeout', () => services.scans.timeOutStale(em(), config.scanTimeoutMs));
    job('0 17 * * * *', 'agent message pruning', () => pruneAgentMessages(em()));
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port ?? config.apiPort, '0.0.0.0', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  apiPort = port;
  log.info({ port }, `GraphQL API on http://127.0.0.1:${port}/graphql (HTTP and WebSocket)`);

  const gateway =
    opts.gatewayPort === undefined
      ? undefined
      : await startGateway({
          orm,
          services,
          events,
          log,
          port: opts.gatewayPort,
          tls: config.tls,
          heartbeatIntervalSeconds: config.heartbeatIntervalSeconds,
          heartbeatTimeoutMs: config.heartbeatTimeoutMs,
          authTimeoutMs: config.agentAuthTimeoutMs,
          messageRate: { perSecond: config.agentMessageRate, burst: config.agentMessageRate * 5 },
          flushIntervalMs: Math.min(5000, config.heartbeatTimeoutMs / 3),
          ...opts.gateway,
        });

  if (gateway) gatewayPort = Number(new URL(gateway.url).port);

  let stopped = false;
  return {
    orm,
    services,
    url: `http://127.0.0.1:${port}`,
    gateway,
    async stop() {
      // Idempotent: tests stop a control plane mid-test and again when the file ends.
      if (stopped) return;
      stopped = true;
      for (const job of jobs) job.stop();
      await gateway?.stop();
      await apollo.stop();
      await events.close();
      await orm.close();
    },
  };
}

/** YYYY-MM-DD of `date` in `timeZone`. */
export function calendarDay(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
