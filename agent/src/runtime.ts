import fs from 'node:fs';
import { MessageType, ScanStatus } from '@hss/schema';
import { AgentChannel } from './channel/channel.js';
import { SequenceCounter } from './channel/sequence.js';
import { Spool } from './channel/spool.js';
import { FimWatch } from './detect/fim-watch.js';
import { Firewall, firewallFromEnv } from './detect/firewall.js';
import { journalCommandFromEnv } from './detect/journal.js';
import type { LoginPolicy } from './detect/login-detector.js';
import { DEFAULT_LOGIN_POLICY, watchLogins } from './detect/login-watch.js';
import type { MaliciousFile } from './detect/malware.js';
import { WebTamperGuard } from './detect/web-tamper.js';
import { readHostFacts } from './host-facts.js';
import { checkRoot, Skips } from './host-root.js';
import { MALWARE_SIGNATURES_FILE } from './paths.js';
import { type RunningScan, scanInChild } from './scan-child.js';
import type { AgentStatus, StateDir } from './state.js';

export interface RunOptions {
  state: StateDir;
  /** The host's root folder ('/' on a real host; a fixture tree in tests). */
  root: string;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  spoolLimits?: { maxBytes: number; maxMessages: number };
  /** How often the auth log is polled (tests shorten it). */
  logPollMs?: number;
  /**
   * How often every FIM path is hashed again in full (default: hourly). Changes are seen as they
   * happen through inotify; this is the safety net for what the watches miss.
   */
  fimIntervalMs?: number;
}

/** Where malicious files are looked for on every scan, besides the protected web directories. */
const MALWARE_DIRS = ['/tmp', '/var/tmp', '/dev/shm', '/home', '/root'];
const DEFAULT_FIM_PATHS = ['/etc/passwd', '/etc/shadow', '/etc/group', '/etc/sudoers', '/etc/ssh/sshd_config'];

interface AgentPolicy {
  fimPaths?: string[];
  isolateMaliciousFiles?: boolean;
  webTamper?: { directories: string[]; paused: boolean };
}

export interface RunningAgent {
  channel: AgentChannel;
  stop(): Promise<void>;
}

/**
 * `hss-agent run`: connects with the stored credential, reports the host's assets and a first
 * scan, then runs the scans the control plane asks for and applies its policies. Everything it
 * reports goes through the on-disk spool, so nothing is lost while the control plane is away.
 */
export async function runAgent(opts: RunOptions): Promise<RunningAgent> {
  const enrollment = opts.state.loadEnrollment();
  if (!enrollment)
    throw new Error(`This agent is not enrolled (no ${opts.state.dir}/enrollment.json). Run "hss-agent enroll" first.`);
  const host = readHostFacts(checkRoot(opts.root), new Skips());
  const spool = await Spool.open({
    dir: opts.state.spoolDir,
    ...(opts.spoolLimits ?? { maxBytes: 64 * 1024 * 1024, maxMessages: 10_000 }),
  });
  const ca = enrollment.caFile ? fs.readFileSync(enrollment.caFile) : undefined;
  // Read for every connection: `hss-agent rotate` or a rotation over this channel may have
  // replaced the credential.
  const credentials = () => {
    const current = opts.state.loadEnrollment() ?? enrollment;
    return { agentId: current.agentId, credential: current.credential };
  };
  const channel = new AgentChannel(credentials, {
    url: enrollment.gateway,
    host,
    spool,
    ca,
    log: opts.log,
    sequence: SequenceCounter.open(opts.state.sequenceFile),
    storeCredential: (credential) => opts.state.saveCredential(credential),
  });

  const status: AgentStatus = {
    connected: false,
    since: new Date().toISOString(),
    lastAckAt: null,
    lastReport: null,
    pendingReports: spool.size,
    droppedReports: spool.dropped,
    policyVersion: null,
  };
  const saveStatus = (change: Partial<AgentStatus>) => {
    Object.assign(status, change, { pendingReports: spool.size, droppedReports: spool.dropped });
    opts.state.saveStatus(status);
  };
  const report: AgentChannel['report'] = async (type, payload) => {
    const id = await channel.report(type, payload);
    saveStatus({ lastReport: { type, at: new Date().toISOString() } });
    return id;
  };

  channel.on('welcome', () => {
    opts.log('info', 'connected to the control plane', { gateway: enrollment.gateway });
    saveStatus({ connected: true, since: new Date().toISOString() });
  });
  channel.on('disconnected', ({ code, reason }) => {
    opts.log('warn', 'disconnected; reconnecting', { code, reason });
    saveStatus({ connected: false, since: new Date().toISOString() });
  });
  channel.on('fatal', ({ code, reason }) => {
    opts.log('error', 'the control plane refused this agent', { code, reason });
    saveStatus({ connected: false, since: new Date().toISOString() });
  });
  channel.on('ack', () => saveStatus({ lastAckAt: new Date().toISOString() }));
  const firewall = new Firewall(firewallFromEnv(), opts.log);
  const saved = opts.state.loadPolicy();
  const logins = watchLogins({
    root: opts.root,
    host,
    policy: (saved?.policy as unknown as LoginPolicy | undefined) ?? DEFAULT_LOGIN_POLICY,
    firewall,
    raise: (alarm) => report(MessageType.ALARM, alarm as never),
    log: opts.log,
    ...(opts.logPollMs ? { intervalMs: opts.logPollMs } : {}),
    journalCommand: journalCommandFromEnv(),
  });

  // File integrity: a hash baseline of the policy's paths, kept current through inotify (see
  // fim-watch.ts); each burst of changes is one FILE_INTEGRITY alarm listing what changed.
  let policy = (saved?.policy ?? {}) as AgentPolicy;
  const fimPaths = () => policy.fimPaths ?? DEFAULT_FIM_PATHS;
  let fim: FimWatch | null = null;
  const applyFim = () => {
    fim?.stop();
    fim = new FimWatch({
      root: opts.root,
      paths: fimPaths(),
      baselineFile: `${opts.state.dir}/fim-baseline.json`,
      log: opts.log,
      ...(opts.fimIntervalMs ? { rehashIntervalMs: opts.fimIntervalMs } : {}),
      onChange: (change) => {
        const count = change.changed.length + change.added.length + change.removed.length;
        void report(MessageType.ALARM, {
          type: 'FILE_INTEGRITY' as never,
          severity: 'MEDIUM' as never,
          title: `${count} file(s) changed under the integrity-monitored paths`,
          occurredAt: new Date().toISOString(),
          detail: {
            changed: change.changed.slice(0, 100),
            added: change.added.slice(0, 100),
            removed: change.removed.slice(0, 100),
          },
        });
      },
    });
    fim.start();
  };
  applyFim();

  /** Malicious files the scan found: an alarm each; the ones left in place are findings too. */
  const malwareFindings = async (found: MaliciousFile[]) => {
    for (const file of found) {
      await report(MessageType.ALARM, {
        type: 'MALICIOUS_PROGRAM' as never,
        severity: 'CRITICAL' as never,
        title: `Malicious file ${file.path} (${file.signature})${file.quarantinedTo ? ', isolated' : ''}`,
        occurredAt: new Date().toISOString(),
        detail: { path: file.path, sha256: file.sha256, signature: file.signature, isolated: Boolean(file.quarantinedTo) },
      });
    }
    return found
      .filter((file) => !file.quarantinedTo)
      .map((file) => ({
        fingerprint: `malware:${file.sha256}:${file.path}`.slice(0, 256),
        type: 'MALICIOUS_FILE' as never,
        severity: 'CRITICAL' as never,
        title: `Malicious file ${file.path} (${file.signature})`,
        remediation: 'Delete the file, or turn on isolation of malicious files in the policy, and find how it got there.',
        detail: { path: file.path, sha256: file.sha256 },
      }));
  };

  // Web tamper protection follows the policy: on for its directories, off while paused (a person
  // updating the site); turning it back on backs up the site as it is then.
  let guard: WebTamperGuard | null = null;
  const applyWebTamper = () => {
    guard?.stop();
    guard = null;
    const wt = policy.webTamper;
    if (!wt || wt.paused || !wt.directories.length) return;
    guard = new WebTamperGuard({
      root: opts.root,
      directories: wt.directories,
      backupDir: `${opts.state.dir}/web-backup`,
      raise: (alarm) => void report(MessageType.ALARM, alarm as never),
      log: opts.log,
    });
    guard.start();
  };
  applyWebTamper();

  channel.on('policy', (message) => {
    const webTamperBefore = JSON.stringify(policy.webTamper ?? null);
    opts.state.savePolicy(message.payload.version, message.payload.policy);
    logins.updatePolicy(message.payload.policy as unknown as LoginPolicy);
    const before = JSON.stringify(fimPaths());
    policy = message.payload.policy as AgentPolicy;
    // New paths start from their current state, not from an alarm about all of them.
    if (JSON.stringify(fimPaths()) !== before) applyFim();
    if (JSON.stringify(policy.webTamper ?? null) !== webTamperBefore) applyWebTamper();
    channel.ack(message.id);
    saveStatus({ policyVersion: message.payload.version });
  });

  // Full scans run in a short-lived child process (scan-child.ts), one at a time: a task that
  // arrives during a scan waits for it. The first one, without a task, reports the host at start.
  let scanning: Promise<void> = Promise.resolve();
  let running: RunningScan | null = null;
  let stopping = false;
  const fullScan = (scanTaskId?: string) => {
    scanning = scanning.then(async () => {
      if (stopping) return;
      if (scanTaskId) await report(MessageType.SCAN_PROGRESS, { scanTaskId, status: ScanStatus.RUNNING as never, progress: 0 });
      try {
        let inventorySent: Promise<unknown> = Promise.resolve();
        running = scanInChild(
          {
            root: opts.root,
            malware: {
              dirs: [...MALWARE_DIRS, ...(policy.webTamper?.directories ?? [])],
              signaturesFile: MALWARE_SIGNATURES_FILE,
              quarantineDir: policy.isolateMaliciousFiles ? `${opts.state.dir}/quarantine` : null,
            },
          },
          (inventory) => {
            inventorySent = report(MessageType.INVENTORY, inventory).catch((err) =>
              opts.log('error', 'could not queue the inventory', { error: (err as Error).message }),
            );
          },
        );
        const { result, malicious, cost } = await running.done;
        opts.log('info', 'scan done', { scanTaskId, durationMs: result.stats.durationMs, ...cost });
        await inventorySent;
        const findings = [...result.findings, ...(await malwareFindings(malicious))];
        await report(MessageType.FINDINGS, {
          ...(scanTaskId ? { scanTaskId } : {}),
          scannedAt: new Date().toISOString(),
          findings,
        });
        if (scanTaskId) await report(MessageType.SCAN_PROGRESS, { scanTaskId, status: ScanStatus.DONE as never, progress: 100 });
      } catch (err) {
        const error = stopping ? 'The agent stopped during the scan.' : (err as Error).message;
        opts.log(stopping ? 'warn' : 'error', 'scan failed', { scanTaskId, error });
        if (scanTaskId)
          await report(MessageType.SCAN_PROGRESS, {
            scanTaskId,
            status: ScanStatus.FAILED as never,
            progress: 0,
            error: error.slice(0, 1000),
          });
      } finally {
        running = null;
      }
    });
  };
  channel.on('scan_task', ({ scanTaskId }: { scanTaskId: string }) => fullScan(scanTaskId));

  saveStatus({});
  fullScan();
  channel.start();

  return {
    channel,
    async stop() {
      (fim as FimWatch | null)?.stop();
      guard?.stop();
      logins.stop();
      await firewall.releaseAll();
      stopping = true;
      (running as RunningScan | null)?.kill();
      await scanning;
      await channel.stop();
      saveStatus({ connected: false, since: new Date().toISOString() });
    },
  };
}
