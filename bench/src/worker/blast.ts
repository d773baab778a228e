import { frame, MessageType, PROTOCOL_VERSION } from '@hss/schema';
import WebSocket from 'ws';
import { simHostFacts } from '../fixtures/host.js';
import { now, type SimAgent } from '../sim-agent.js';
import type { BlastArgs, BlastResult } from './protocol.js';

/**
 * One connection the blaster drives: sends a round of heartbeats and a probe, and resolves
 * when the probe's answer proves the whole round was handled (frames of one connection are
 * handled in order, by the gateway and by an echo server alike).
 */
interface Lane {
  round(batch: number): Promise<boolean>;
}

const PROBE_HOST = simHostFacts('probe', 0);

let laneCounter = 0;

/**
 * A round's heartbeats, serialised the cheap way (one timestamp per round): the clients share
 * two cores with the server, and the measurement is of the server, not of JSON.stringify.
 */
function heartbeatFrames(batch: number, nextSeq: () => number, lane: number): string[] {
  const ts = new Date().toISOString();
  const frames: string[] = [];
  for (let i = 0; i < batch; i++) {
    const seq = nextSeq();
    frames.push(
      `{"v":${PROTOCOL_VERSION},"id":"hb-${lane}-${seq}","ts":"${ts}","seq":${seq},"type":"heartbeat","payload":{"uptimeSeconds":${seq}}}`,
    );
  }
  return frames;
}

/** The gateway answers an `enroll` on an authenticated connection with an error naming it: a cheap, stateless probe. */
function agentLane(agent: SimAgent): Lane {
  const lane = laneCounter++;
  const nextSeq = () => agent.nextSeq();
  return {
    async round(batch) {
      for (const data of heartbeatFrames(batch, nextSeq, lane)) if (!agent.sendRaw(data)) return false;
      const id = `probe-${agent.hostname}-${Math.random().toString(36).slice(2, 10)}`;
      const reply = agent.expectReply(id);
      if (!agent.sendRaw(agent.rawFrame(MessageType.ENROLL, { token: 'probe', host: PROBE_HOST }, id))) return false;
      return (await reply) !== null;
    },
  };
}

/** The same frames to an echo server; its answer to the probe is the probe's echo, after every heartbeat's. */
async function echoLane(url: string, localAddress: string | undefined): Promise<{ lane: Lane; close(): void }> {
  const socket = new WebSocket(url, { perMessageDeflate: false, ...(localAddress ? { localAddress } : {}) });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let seq = 0;
  const lane = laneCounter++;
  const nextSeq = () => ++seq;
  let received = 0;
  let waiting: { until: number; resolve: (ok: boolean) => void } | null = null;
  socket.on('message', () => {
    received++;
    if (waiting && received >= waiting.until) {
      const w = waiting;
      waiting = null;
      w.resolve(true);
    }
  });
  socket.on('close', () => waiting?.resolve(false));
  return {
    lane: {
      round(batch) {
        if (socket.readyState !== WebSocket.OPEN) return Promise.resolve(false);
        const done = new Promise<boolean>((resolve) => {
          waiting = { until: received + batch + 1, resolve };
        });
        for (const data of heartbeatFrames(batch, nextSeq, lane)) socket.send(data);
        const id = `probe-echo-${Math.random().toString(36).slice(2, 10)}`;
        socket.send(JSON.stringify(frame(MessageType.ENROLL, { token: 'probe', host: PROBE_HOST }, { seq: ++seq, id })));
        return done;
      },
    },
    close: () => socket.close(),
  };
}

/**
 * Drives heartbeats as fast as the server takes them: every lane keeps one round in flight
 * from `startAt` until the window ends, then the rounds in flight finish.
 */
export async function blast(args: BlastArgs, agents: SimAgent[]): Promise<BlastResult> {
  let lanes: Lane[];
  let cleanup = () => {};
  if (args.target === 'agents') {
    lanes = agents
      .filter((a) => a.isReady)
      .slice(0, args.connections)
      .map(agentLane);
  } else {
    const opened = await Promise.all(
      Array.from({ length: args.connections }, (_, i) =>
        echoLane(args.echoUrl!, args.sourceAddresses.length ? args.sourceAddresses[i % args.sourceAddresses.length] : undefined),
      ),
    );
    lanes = opened.map((o) => o.lane);
    cleanup = () => {
      for (const o of opened) o.close();
    };
  }
  const wait = args.startAt - now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const stopAt = args.startAt + args.windowMs;
  let heartbeats = 0;
  let rounds = 0;
  let lost = 0;
  let endedAt = now();
  await Promise.all(
    lanes.map(async (lane) => {
      while (now() < stopAt) {
        if (!(await lane.round(args.batch))) {
          lost++;
          return;
        }
        heartbeats += args.batch;
        rounds++;
        endedAt = Math.max(endedAt, now());
      }
    }),
  );
  cleanup();
  return { connections: lanes.length, heartbeats, rounds, endedAt, lostConnections: lost };
}
