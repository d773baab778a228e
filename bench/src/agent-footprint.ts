/**
 * `npm run build && node bench/dist/agent-footprint.js [--idle-seconds 60] [--root DIR]`: the
 * host agent's footprint, measured on a real `hss-agent run` process against a control plane of
 * our own (in this process, on a fresh database), started with the V8 flags of the systemd unit.
 *
 * Prints one JSON object on stdout: the long-lived process's RSS and CPU while connected and idle,
 * and what a full scan (which runs in a short-lived child, see agent/src/scan-child.ts) costs:
 * its CPU time and peak RSS as the child measured them, and the long-lived process's RSS after it.
 * Progress goes to stderr. Figures are reported, never asserted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type OptionSpec, parseArgs, UsageError, usage } from './args.js';
import { type BenchPlane, startControlPlane } from './measure/control-plane.js';
import { progress, round, sleep } from './measure/util.js';

const OPTIONS = {
  'idle-seconds': { type: 'number', help: 'how long the idle CPU is measured (default 60)', default: 60 },
  root: { type: 'string', help: 'the fixture host to run on (default test/fixtures/hosts/debian-weak)' },
  help: { type: 'boolean', help: 'this text' },
} satisfies Record<string, OptionSpec>;

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = path.join(repo, 'agent/dist/cli.js');
const unitFile = path.join(repo, 'agent/packaging/hss-agent.service');
const CLK_TCK = 100; // getconf CLK_TCK on Linux

/** The node flags of the systemd unit's ExecStart, so the figures are those of the installed agent. */
function unitNodeFlags(): string[] {
  const exec = /^ExecStart=(.*)$/m.exec(fs.readFileSync(unitFile, 'utf8'))?.[1] ?? '';
  const words = exec.split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((w) => w.startsWith('--'));
}

interface ProcSample {
  rssKb: number;
  hwmKb: number;
  /** utime + stime of the process itself (not its children), in clock ticks. */
  ticks: number;
}

function sample(pid: number): ProcSample {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM'), ticks: Number(fields[11]) + Number(fields[12]) };
}

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

interface LogLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

/** Follows the agent's JSON log lines on stderr; `next` waits for one that matches. */
function logOf(agent: ChildProcess) {
  const lines: LogLine[] = [];
  const waiting: { accept: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  let buffer = '';
  agent.stderr!.on('data', (chunk) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) {
      let line: LogLine;
      try {
        line = JSON.parse(part) as LogLine;
      } catch {
        process.stderr.write(`[agent] ${part}\n`);
        continue;
      }
      lines.push(line);
      if (line.level !== 'info') process.stderr.write(`[agent] ${part}\n`);
      for (const w of [...waiting]) {
        if (w.accept(line)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  return {
    next(accept: (l: LogLine) => boolean, what: string, timeoutMs = 120_000): Promise<LogLine> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
        waiting.push({
          accept,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
      });
    },
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), OPTIONS);
  if (args.help) {
    process.stdout.write(usage('node bench/dist/agent-footprint.js', OPTIONS));
    return;
  }
  const idleSeconds = args['idle-seconds'] as number;
  const fixture = path.resolve(repo, (args.root as string | undefined) ?? 'test/fixtures/hosts/debian-weak');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-agent-footprint-'));
  const state = path.join(work, 'state');
  const host = path.join(work, 'host');
  fs.cpSync(fixture, host, { recursive: true, verbatimSymlinks: true });
  // An auth log to follow, so login detection runs as on a real host.
  fs.mkdirSync(path.join(host, 'var/log'), { recursive: true });
  fs.writeFileSync(path.join(host, 'var/log/auth.log'), '');

  let plane: BenchPlane | undefined;
  let agent: ChildProcess | undefined;
  try {
    progress('starting a control plane');
    plane = await startControlPlane({});
    const enrolled = await run([
      'enroll',
      '--server',
      plane.app.gateway!.url,
      '--token',
      plane.enrollmentToken,
      '--state',
      state,
      '--root',
      host,
    ]);
    if (enrolled.status !== 0) throw new Error(`enroll failed: ${enrolled.stderr}`);
    const serverId = /server ([0-9a-f-]{36})/.exec(enrolled.stdout)![1]!;

    const nodeFlags = unitNodeFlags();
    progress(`running the agent (node ${nodeFlags.join(' ')})`);
    agent = spawn(process.execPath, [...nodeFlags, cli, 'run', '--state', state, '--root', host], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const pid = agent.pid!;
    const log = logOf(agent);
    const connected = log.next((l) => l.message === 'connected to the control plane', 'the connection');
    const firstScan = await log.next((l) => l.message === 'scan done', 'the first scan');
    await connected;
    // Let the first reports be acknowledged and the heap settle before measuring idle.
    await sleep(5000);
    progress(`measuring ${idleSeconds} s of idle`);
    const before = sample(pid);
    await sleep(idleSeconds * 1000);
    const idle = sample(pid);
    const idleTicks = idle.ticks - before.ticks;

    progress('a scan task through the control plane');
    const protectedServer = await plane.gql<{ enableProtection: unknown }>(
      'mutation($i: EnableProtectionInput!) { enableProtection(input: $i) { __typename } }',
      { i: { serverId, edition: 'ENTERPRISE', billingMode: 'ON_DEMAND', acceptDisclaimer: true } },
    );
    if (!protectedServer.data?.enableProtection)
      throw new Error(`enableProtection failed: ${JSON.stringify(protectedServer.errors)}`);
    const started = await plane.gql<{ startScan: { scanTask: { id: string } } }>(
      'mutation($i: StartScanInput!) { startScan(input: $i) { scanTask { id } } }',
      { i: { serverId } },
    );
    if (!started.data?.startScan) throw new Error(`startScan failed: ${JSON.stringify(started.errors)}`);
    const taskScan = await log.next((l) => l.message === 'scan done' && typeof l.scanTaskId === 'string', 'the scan task');
    await sleep(5000);
    const afterScan = sample(pid);

    const result = {
      fixture: path.relative(repo, fixture),
      node: process.version,
      node_flags: nodeFlags,
      idle_rss_mb: round(idle.rssKb / 1024, 1),
      idle_cpu_percent_of_one_core: round((idleTicks / CLK_TCK / idleSeconds) * 100, 3),
      idle_cpu_ticks: idleTicks,
      idle_seconds: idleSeconds,
      scan_cpu_s: round((firstScan.cpuMs as number) / 1000, 2),
      scan_peak_rss_mb: round((firstScan.maxRssKb as number) / 1024, 1),
      scan_wall_s: round((firstScan.durationMs as number) / 1000, 2),
      task_scan_cpu_s: round((taskScan.cpuMs as number) / 1000, 2),
      task_scan_peak_rss_mb: round((taskScan.maxRssKb as number) / 1024, 1),
      rss_after_scan_task_mb: round(afterScan.rssKb / 1024, 1),
      long_lived_peak_rss_mb: round(afterScan.hwmKb / 1024, 1),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    if (agent && agent.exitCode === null) {
      const exited = new Promise((r) => agent!.once('exit', r));
      agent.kill('SIGTERM');
      await exited;
    }
    await plane?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

try {
  await main();
  process.exit(0);
} catch (err) {
  process.stderr.write(`${err instanceof UsageError ? err.message : ((err as Error).stack ?? String(err))}\n`);
  process.exit(err instanceof UsageError ? 2 : 1);
}
