import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { AgentOfflineReason, CloseCode, frame, MAX_FRAME_BYTES, MessageType, ProtocolErrorCode } from '@hss/schema';
import { WebSocketServer } from 'ws';
import { Topic } from '../events/topics.js';
import { AgentSession } from './agent-session.js';
/** A token bucket per connection: cheap, and fair to agents that burst after a reconnect. */
class RateLimiter {
    constructor(rate) {
        this.rate = rate;
        this.last = performance.now();
        this.tokens = rate.burst;
    }
    take() {
        const now = performance.now();
        this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.last) / 1000) * this.rate.perSecond);
        this.last = now;
        if (this.tokens < 1)
            return false;
        this.tokens -= 1;
        return true;
    }
}
/**
 * The agent channel's listener: its own port, WebSocket with TLS when configured, one
 * AgentSession per connection. Also the gateway's background work: batched last-seen writes,
 * the sweep of silent agents, and closing connections that were replaced or revoked anywhere.
 */
export async function startGateway(opts) {
    const { log } = opts;
    const server = opts.tls
        ? https.createServer({ cert: fs.readFileSync(opts.tls.certFile), key: fs.readFileSync(opts.tls.keyFile) })
        : http.createServer();
    server.on('request', (_req, res) => {
        res.writeHead(426, { 'content-type': 'text/plain' }).end('This port speaks the HSS agent protocol over WebSocket.\n');
    });
    const wss = new WebSocketServer({ server, maxPayload: MAX_FRAME_BYTES });
    const sessions = new Set();
    const byAgent = new Map();
    let seen = new Map();
    wss.on('connection', (socket) => {
        const limiter = new RateLimiter(opts.messageRate);
        const session = new AgentSession({
            send: (data) => socket.send(data),
            close: (code, reason) => socket.close(code, reason),
        }, {
            agents: opts.agents,
            em: () => opts.orm.em.fork(),
            log,
            heartbeatIntervalSeconds: opts.heartbeatIntervalSeconds,
            heartbeatTimeoutMs: opts.heartbeatTimeoutMs,
            authTimeoutMs: opts.authTimeoutMs,
            onReady: (s) => {
                const agentId = s.identity.agentId;
                if (!byAgent.has(agentId))
                    byAgent.set(agentId, new Set());
                byAgent.get(agentId).add(s);
            },
            onSeen: (s) => seen.set(s.identity.agentId, new Date()),
            onClosed: (s) => {
                sessions.delete(s);
                if (s.identity)
                    byAgent.get(s.identity.agentId)?.delete(s);
            },
        });
        sessions.add(session);
        socket.on('message', (data, isBinary) => {
            if (!limiter.take()) {
                const reason = `More than ${opts.messageRate.perSecond} messages per second; slow down.`;
                socket.send(JSON.stringify(frame(MessageType.ERROR, { code: ProtocolErrorCode.RATE_LIMITED, message: reason })));
                session.close(CloseCode.RATE_LIMITED, reason);
                return;
            }
            if (isBinary) {
                const reason = 'Frames must be text (JSON).';
                socket.send(JSON.stringify(frame(MessageType.ERROR, { code: ProtocolErrorCode.INVALID_FRAME, message: reason })));
                session.close(CloseCode.PROTOCOL_ERROR, reason);
                return;
            }
            void session.receive(data.toString());
        });
        socket.on('close', () => void session.closed());
        socket.on('error', (err) => {
            // ws closes with 1009 itself on an oversized frame; say which limit it was.
            log.debug({ err: { message: err.message }, connectionId: session.connectionId }, 'agent socket error');
        });
    });
    const disconnects = opts.events.subscribe(Topic.AGENT_DISCONNECT_REQUESTED);
    void (async () => {
        for await (const request of disconnects) {
            for (const s of byAgent.get(request.agentId) ?? []) {
                if (s.connectionId === request.keepConnectionId)
                    continue;
                if (request.reason === AgentOfflineReason.REVOKED) {
                    s.close(CloseCode.REVOKED, 'This agent was revoked by an operator.', AgentOfflineReason.REVOKED);
                }
                else {
                    s.close(CloseCode.REPLACED, 'Another connection authenticated with this credential.', AgentOfflineReason.REPLACED);
                }
            }
        }
    })();
    const background = setInterval(async () => {
        const batch = seen;
        seen = new Map();
        try {
            await opts.agents.flushLastSeen(opts.orm.em.fork(), batch);
            await opts.agents.sweepSilentAgents(opts.orm.em.fork(), opts.heartbeatTimeoutMs);
        }
        catch (err) {
            log.error({ err }, 'agent last-seen flush or sweep failed');
        }
    }, opts.flushIntervalMs);
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port, '0.0.0.0', () => resolve());
    });
    const port = server.address().port;
    const url = `${opts.tls ? 'wss' : 'ws'}://127.0.0.1:${port}`;
    log.info({ port, tls: Boolean(opts.tls) }, `agent gateway on ${url}`);
    return {
        url,
        sessionCount: () => sessions.size,
        async stop() {
            clearInterval(background);
            console.error('gw step 1');
            await disconnects[Symbol.asyncIterator]().return?.();
            console.error('gw step 2');
            for (const s of sessions) {
                s.close(CloseCode.GOING_AWAY, 'The control plane is shutting down; reconnect later.', AgentOfflineReason.CONTROL_PLANE_RESTART);
            }
            await new Promise((resolve) => wss.close(() => resolve()));
            console.error('gw step 6');
            await new Promise((resolve) => server.close(() => resolve()));
            console.error('gw step 7');
            await opts.agents.flushLastSeen(opts.orm.em.fork(), seen).catch(() => { });
            console.error('gw step 8');
        },
    };
}
//# sourceMappingURL=gateway.js.map