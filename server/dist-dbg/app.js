import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { Cron } from 'croner';
import express from 'express';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { bootstrapFirstAccount } from './accounts/bootstrap.js';
import { RequestContext } from './common/request-context.js';
import { migrate, openOrm } from './db/orm.js';
import { createMemoryEventBus } from './events/event-bus.js';
import { startGateway } from './gateway/gateway.js';
import { formatError } from './graphql/errors.js';
import { buildHssSchema } from './graphql/schema.js';
import { createServices } from './services.js';
const MAX_REQUEST_BYTES = 1024 * 1024;
/** Starts the control plane's API: migrations, services, GraphQL over HTTP and WebSocket on one port. */
export async function startApp(opts) {
    const { config, log } = opts;
    const events = opts.events ?? createMemoryEventBus();
    const orm = await openOrm({ databaseUrl: opts.databaseUrl, poolMax: config.dbPoolMax, logger: log, onQuery: opts.onQuery });
    try {
        await migrate(orm);
    }
    catch (err) {
        await orm.close(); console.error('app: await orm.close();');
        throw err;
    }
    const services = createServices(events, { sessionTtlHours: config.sessionTtlHours });
    if (opts.bootstrap)
        await bootstrapFirstAccount(orm.em.fork(), services.accounts, config, log);
    const schema = await buildHssSchema(services);
    const app = express();
    app.disable('x-powered-by');
    const httpServer = http.createServer(app);
    const authenticate = (authorization) => services.auth.authenticate(orm.em.fork(), typeof authorization === 'string' ? authorization : null);
    const newContext = (viewer) => new RequestContext(orm.em, viewer, randomUUID(), events);
    const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: MAX_REQUEST_BYTES });
    const maskAll = (errors, requestId) => errors.map((e) => formatError(e, e, log, requestId));
    const wsServer = useServer({
        schema,
        // A connection without a valid token is refused at connection_init (close 4403).
        onConnect: async (ctx) => {
            const viewer = await authenticate(ctx.connectionParams?.authorization);
            if (!viewer)
                return false;
            ctx.extra.viewer = viewer;
            return true;
        },
        context: (ctx) => newContext(ctx.extra.viewer ?? null),
        onNext: (_ctx, _id, _payload, _args, result) => result.errors ? { ...result, errors: maskAll(result.errors, randomUUID()) } : result,
        onError: (_ctx, _id, _payload, errors) => maskAll(errors, randomUUID()),
    }, wss);
    const logUnexpected = {
        async requestDidStart() {
            return {
                async didEncounterErrors({ errors, contextValue }) {
                    for (const err of errors)
                        err.requestId = contextValue.requestId;
                },
            };
        },
    };
    const apollo = new ApolloServer({
        schema,
        introspection: config.env !== 'production',
        includeStacktraceInErrorResponses: false,
        formatError: (formatted, error) => formatError(formatted, error, log, error?.requestId ?? randomUUID()),
        plugins: [
            { async serverWillStart() { return { async drainServer() { console.error('drain: http first'); } }; } }, ApolloServerPluginDrainHttpServer({ httpServer }), { async serverWillStart() { return { async drainServer() { console.error('drain: http after'); } }; } },
            {
                async serverWillStart() {
                    return {
                        async drainServer() {
                            console.error('drain: ws dispose start'); await wsServer.dispose(); console.error('drain: ws dispose done');
                        },
                    };
                },
            },
            logUnexpected,
        ],
    });
    await apollo.start();
    app.get('/healthz', async (_req, res) => {
        try {
            await orm.em.fork().execute('select 1');
            res.json({ status: 'ok', database: 'ok' });
        }
        catch {
            res.status(503).json({ status: 'degraded', database: 'unreachable' });
        }
    });
    app.use('/graphql', express.json({ limit: MAX_REQUEST_BYTES }), expressMiddleware(apollo, { context: async ({ req }) => newContext(await authenticate(req.headers.authorization)) }));
    const jobs = [];
    if (opts.scheduler) {
        jobs.push(new Cron('0 * * * * *', { protect: true, catch: (err) => log.error({ err }, 'quota expiry sweep failed') }, async () => {
            const expired = await services.quotas.expireDue(orm.em.fork());
            if (expired)
                log.info({ expired }, 'quotas expired');
        }));
    }
    await new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(opts.port ?? config.apiPort, '0.0.0.0', () => resolve());
    });
    const port = httpServer.address().port;
    log.info({ port }, `GraphQL API on http://127.0.0.1:${port}/graphql (HTTP and WebSocket)`);
    const gateway = opts.gatewayPort === undefined
        ? undefined
        : await startGateway({
            orm,
            agents: services.agents,
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
    return {
        orm,
        services,
        url: `http://127.0.0.1:${port}`,
        gateway,
        async stop() {
            for (const job of jobs)
                job.stop();
            await gateway?.stop(); console.error('app: await gateway?.stop();');
            await apollo.stop(); console.error('app: await apollo.stop();');
            await events.close(); console.error('app: await events.close();');
            await orm.close(); console.error('app: await orm.close();');
        },
    };
}
//# sourceMappingURL=app.js.map