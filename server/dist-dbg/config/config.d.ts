export interface Config {
    env: 'development' | 'production' | 'test';
    apiPort: number;
    gatewayPort: number;
    /** TLS for the agent channel, when both files are given. */
    tls: {
        certFile: string;
        keyFile: string;
    } | undefined;
    heartbeatIntervalSeconds: number;
    heartbeatTimeoutMs: number;
    agentAuthTimeoutMs: number;
    agentMessageRate: number;
    dataDir: string;
    /** Unset: the embedded PostgreSQL in `dataDir` is used. */
    databaseUrl: string | undefined;
    embeddedPgPort: number;
    dbPoolMax: number;
    adminEmail: string;
    adminPassword: string | undefined;
    sessionTtlHours: number;
    scanTimeZone: string;
    logLevel: string;
    redisUrl: string | undefined;
}
export declare class ConfigError extends Error {
    readonly problems: string[];
    constructor(problems: string[]);
}
export declare function loadConfig(env?: NodeJS.ProcessEnv): Config;
