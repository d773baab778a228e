import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MaliciousFile } from './detect/malware.js';
import type { ScanResult } from './scan.js';

export interface ScanChildJob {
  /** The host's root folder. */
  root: string;
  policyFile?: string;
  /** Also look for malicious files under these host paths; isolate them when quarantineDir is set. */
  malware?: { dirs: string[]; signaturesFile: string; quarantineDir: string | null };
}

/** What one full scan cost the child process: CPU time and its peak resident memory. */
export interface ScanCost {
  cpuMs: number;
  maxRssKb: number;
}

export type ScanChildReply =
  | { kind: 'inventory'; inventory: ScanResult['inventory'] }
  | { kind: 'done'; result: ScanResult; malicious: MaliciousFile[]; cost: ScanCost }
  | { kind: 'failed'; error: string };

/** The child's entry point, always the built one: src/ and dist/ both sit one level below the package. */
const CHILD_MAIN = fileURLToPath(new URL('../dist/scan-child-main.js', import.meta.url));

/**
 * V8 settings of the child: a 1 MB young generation keeps the peak of the password check (many
 * short-lived buffers) near 70 MB instead of 100 MB, and costs no CPU (it even saves some, the
 * scavenges being smaller).
 */
const CHILD_V8_FLAGS = ['--max-semi-space-size=1'];

export interface RunningScan {
  done: Promise<{ result: ScanResult; malicious: MaliciousFile[]; cost: ScanCost }>;
  /** Ends the child (the agent is stopping); `done` then rejects. */
  kill(): void;
}

/**
 * Runs one full scan (collectors, baseline, weak passwords, malicious files) in a short-lived
 * child process. A scan allocates tens of megabytes (the inventory, the password check's
 * buffers); V8 does not give that memory back to the system, so a scan inside the long-lived
 * agent would leave it at the scan's peak for good.
 */
export function scanInChild(job: ScanChildJob, onInventory?: (inventory: ScanResult['inventory']) => void): RunningScan {
  const child = fork(CHILD_MAIN, [], {
    execArgv: CHILD_V8_FLAGS,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const done = new Promise<{ result: ScanResult; malicious: MaliciousFile[]; cost: ScanCost }>((resolve, reject) => {
    let answered = false;
    child.on('message', (message: ScanChildReply) => {
      if (message.kind === 'inventory') return onInventory?.(message.inventory);
      answered = true;
      if (message.kind === 'done') resolve({ result: message.result, malicious: message.malicious, cost: message.cost });
      else reject(new Error(message.error));
    });
    child.once('error', (err) => reject(err));
    child.once('exit', (code, signal) => {
      if (!answered)
        reject(new Error(`The scan process ended without a result (${signal ? `signal ${signal}` : `exit code ${code}`}).`));
    });
  });
  child.send(job);
  return { done, kill: () => child.kill('SIGTERM') };
}
