#!/usr/bin/env node
/**
 * hss-agent — the HSS host agent's command line.
 *
 * `enroll` stores the agent's credential, `run` keeps it connected to the control plane, `status`
 * says how it is doing, and `scan --once` runs every collector and check below a root and prints
 * the result, for people (a summary) and for tests and scripts (--json: one JSON object).
 * Exit codes: 0 done; 2 bad usage, bad root or bad policy (the message says which); 1 anything
 * unexpected.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { enroll, requestRotation } from './channel/channel.js';
import { SequenceCounter } from './channel/sequence.js';
import { readHostFacts } from './host-facts.js';
import { checkRoot, RootError, Skips } from './host-root.js';
import { localControlPlaneCa } from './local-ca.js';
import { runAgent } from './runtime.js';
import type { ScanResult } from './scan.js';
import { DEFAULT_STATE_DIR, StateDir } from './state.js';

const USAGE = `Usage: hss-agent <command> [options]

Commands:
  scan --once [--root DIR] [--json] [--policy FILE]
      Run every collector and baseline check once and print the result.
      --root DIR     the host's root folder (default /); a copy of a host's files works too
      --json         print one JSON object {host, inventory, findings, stats}
      --policy FILE  a baseline policy file (default: the shipped CIS-style Linux policy)

  enroll --server URL --token TOKEN [--ca FILE] [--state DIR] [--root DIR]
      Enroll this host with a control plane's agent gateway (ws:// or wss://, port 10180) using
      an enrollment token from the console; stores the agent's credential in the state folder
      (mode 0600). --ca pins the CA that signed the gateway's certificate (for wss:// to this
      machine, the local control plane's CA in $HSS_DATA_DIR/tls or .hss/tls is the default).

  run [--state DIR] [--root DIR]
      Stay connected to the control plane: heartbeats, reports, scans on request, policies.
      Reports wait on disk until the control plane acknowledges them.

  status [--state DIR] [--json]
      Whether the agent is enrolled and connected, and what it sent last.

  rotate [--state DIR] [--root DIR]
      Get a new credential from the control plane and store it; the old one is refused from then
      on. A running agent reconnects with the new one by itself.

The state folder defaults to $HSS_AGENT_STATE_DIR or ${DEFAULT_STATE_DIR}.
`;

class UsageError extends Error {}

interface ScanArgs {
  once: boolean;
  root: string;
  json: boolean;
  policy: string | undefined;
}

function parseScanArgs(args: string[]): ScanArgs {
  const out: ScanArgs = { once: false, root: '/', json: false, policy: undefined };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--once':
        out.once = true;
        break;
      case '--json':
        out.json = true;
        break;
      case '--root':
        out.root = value();
        break;
      case '--policy':
        out.policy = value();
        break;
      default:
        throw new UsageError(`Unknown option ${arg} for scan.`);
    }
  }
  if (!out.once) throw new UsageError('scan needs --once (continuous scanning is part of `hss-agent run`).');
  return out;
}

function summary(result: ScanResult): string {
  const { host, stats, findings } = result;
  const lines = [
    `${host.hostname} (${host.osName} ${host.osVersion}, kernel ${host.kernel || 'unknown'}, ${host.architecture})`,
    `inventory: ${stats.counts.software} packages, ${stats.counts.ports} listening ports, ${stats.counts.processes} processes, ${stats.counts.accounts} accounts, ${stats.counts.autostart} auto-start items`,
    `baseline: ${stats.baseline.checks} checks, ${stats.baseline.passed} passed, ${stats.baseline.failed} failed, ${stats.baseline.notApplicable} not applicable`,
    `findings: ${findings.length}`,
    ...findings.map((f) => `  [${f.severity}] ${f.title} (${f.fingerprint})`),
  ];
  const skipped = Object.entries(stats.skipped);
  if (skipped.length) lines.push(`skipped: ${skipped.map(([k, n]) => `${k}=${n}`).join(', ')}`);
  for (const note of stats.notes) lines.push(`note: ${note}`);
  lines.push(`done in ${stats.durationMs} ms`);
  return `${lines.join('\n')}\n`;
}

/** Options of enroll, run and status, through node's own parser; unknown options are errors. */
function flags(args: string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

const stateDirOf = (value: unknown) =>
  new StateDir(path.resolve(String(value ?? process.env.HSS_AGENT_STATE_DIR ?? DEFAULT_STATE_DIR)));

async function enrollCommand(args: string[]): Promise<number> {
  const f = flags(args, {
    server: { type: 'string' },
    token: { type: 'string' },
    ca: { type: 'string' },
    state: { type: 'string' },
    root: { type: 'string' },
  });
  if (typeof f.server !== 'string' || !/^wss?:\/\//.test(f.server))
    throw new UsageError('enroll needs --server ws://HOST:10180 or wss://HOST:10180.');
  if (typeof f.token !== 'string' || !f.token)
    throw new UsageError('enroll needs --token (an enrollment token from the console).');
  const state = stateDirOf(f.state);
  let caFile: string | undefined;
  let ca: Buffer | undefined;
  const localCa = typeof f.ca === 'string' ? undefined : localControlPlaneCa(f.server);
  const caPath = typeof f.ca === 'string' ? f.ca : localCa;
  if (caPath) {
    try {
      ca = fs.readFileSync(caPath);
    } catch {
      throw new UsageError(`--ca ${caPath} cannot be read.`);
    }
    if (localCa) process.stderr.write(`trusting the local control plane's CA ${localCa}\n`);
    fs.mkdirSync(state.dir, { recursive: true, mode: 0o700 });
    caFile = path.join(state.dir, 'ca.pem');
    fs.writeFileSync(caFile, ca, { mode: 0o600 });
  }
  const host = readHostFacts(checkRoot(String(f.root ?? '/')), new Skips());
  const enrolled = await enroll(f.server, f.token, host, ca);
  state.saveEnrollment({ gateway: f.server, ...enrolled, ...(caFile ? { caFile } : {}), enrolledAt: new Date().toISOString() });
  process.stdout.write(`enrolled: server ${enrolled.serverId}, agent ${enrolled.agentId}; credential stored in ${state.dir}\n`);
  return 0;
}

async function runCommand(args: string[]): Promise<number> {
  const f = flags(args, { state: { type: 'string' }, root: { type: 'string' } });
  const log = (level: string, message: string, fields?: Record<string, unknown>) =>
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
  const fimSeconds = Number(process.env.HSS_AGENT_FIM_INTERVAL_S ?? 3600);
  if (!Number.isFinite(fimSeconds) || fimSeconds < 1)
    throw new UsageError('HSS_AGENT_FIM_INTERVAL_S must be a number of seconds, 1 or more.');
  const agent = await runAgent({
    state: stateDirOf(f.state),
    root: String(f.root ?? '/'),
    log,
    fimIntervalMs: fimSeconds * 1000,
  });
  // Exit 0 when asked to stop; 3 when the control plane refused the agent (revoked), so that a
  // service manager does not restart it in a loop (the systemd unit says RestartPreventExitStatus=3).
  const refused = await new Promise<boolean>((resolve) => {
    agent.channel.once('fatal', () => resolve(true));
    process.once('SIGINT', () => resolve(false));
    process.once('SIGTERM', () => resolve(false));
  });
  await agent.stop();
  return refused ? 3 : 0;
}

async function rotateCommand(args: string[]): Promise<number> {
  const f = flags(args, { state: { type: 'string' }, root: { type: 'string' } });
  const state = stateDirOf(f.state);
  const enrollment = state.loadEnrollment();
  if (!enrollment) throw new UsageError(`Not enrolled (no credential in ${state.dir}); run "hss-agent enroll" first.`);
  const host = readHostFacts(checkRoot(String(f.root ?? '/')), new Skips());
  await requestRotation(enrollment.gateway, { agentId: enrollment.agentId, credential: enrollment.credential }, host, {
    ca: enrollment.caFile ? fs.readFileSync(enrollment.caFile) : undefined,
    sequence: SequenceCounter.open(state.sequenceFile),
    store: (credential) => state.saveCredential(credential),
  });
  process.stdout.write(`credential rotated; the new one is stored in ${state.dir}\n`);
  return 0;
}

function statusCommand(args: string[]): number {
  const f = flags(args, { state: { type: 'string' }, json: { type: 'boolean' } });
  const state = stateDirOf(f.state);
  const enrollment = state.loadEnrollment();
  const status = state.loadStatus();
  const view = {
    enrolled: Boolean(enrollment),
    gateway: enrollment?.gateway ?? null,
    serverId: enrollment?.serverId ?? null,
    agentId: enrollment?.agentId ?? null,
    ...(status ?? { connected: false }),
  };
  if (f.json) {
    process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
  } else if (!enrollment) {
    process.stdout.write(`not enrolled (no credential in ${state.dir}); run "hss-agent enroll"\n`);
  } else {
    process.stdout.write(
      [
        `enrolled: server ${view.serverId} via ${view.gateway}`,
        `connected: ${view.connected ? 'yes' : 'no'}${status ? ` (since ${status.since})` : ''}`,
        `last report: ${status?.lastReport ? `${status.lastReport.type} at ${status.lastReport.at}` : 'none'}`,
        `last acknowledged: ${status?.lastAckAt ?? 'never'}`,
        `waiting on disk: ${status?.pendingReports ?? 0} reports (${status?.droppedReports ?? 0} dropped when full)`,
        `policy version: ${status?.policyVersion ?? 'none'}`,
      ].join('\n') + '\n',
    );
  }
  return enrollment ? 0 : 3;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan': {
        const args = parseScanArgs(rest);
        // Loaded here only: `run` scans in a child process and need not hold the collectors and checks.
        const { scan } = await import('./scan.js');
        const result = await scan({ root: args.root, ...(args.policy ? { policyFile: args.policy } : {}) });
        process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : summary(result));
        return 0;
      }
      case 'enroll':
        return await enrollCommand(rest);
      case 'run':
        return await runCommand(rest);
      case 'status':
        return statusCommand(rest);
      case 'rotate':
        return await rotateCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`hss-agent: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    // PolicyError by name: its module is loaded only by the scan.
    if (err instanceof RootError || (err as Error)?.name === 'PolicyError') {
      process.stderr.write(`hss-agent: ${(err as Error).message}\n`);
      return 2;
    }
    // Anything else is a bug or an unsupported host (e.g. its architecture): say it plainly.
    process.stderr.write(`hss-agent: ${(err as Error)?.message ?? String(err)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
