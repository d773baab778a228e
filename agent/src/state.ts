import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Where the agent keeps its credential, spool, policy and status (HSS_AGENT_STATE_DIR or --state). */
export const DEFAULT_STATE_DIR = '/var/lib/hss-agent';

const Enrollment = z.object({
  gateway: z.string().regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL'),
  agentId: z.uuid(),
  serverId: z.uuid(),
  credential: z.string().min(1),
  /** Path of the CA certificate that signed the gateway's certificate, when pinned. */
  caFile: z.string().optional(),
  enrolledAt: z.string(),
});
export type Enrollment = z.infer<typeof Enrollment>;

export interface AgentStatus {
  connected: boolean;
  since: string;
  lastAckAt: string | null;
  lastReport: { type: string; at: string } | null;
  pendingReports: number;
  droppedReports: number;
  policyVersion: number | null;
}

export class StateDir {
  constructor(readonly dir: string) {}

  get spoolDir(): string {
    return path.join(this.dir, 'spool');
  }

  /** The frame sequence counter (see SequenceCounter). */
  get sequenceFile(): string {
    return path.join(this.dir, 'sequence.json');
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  /**
   * Writes the credential readable by its owner only (0600), atomically: a temporary file,
   * flushed to disk, then renamed over the old one. A crash leaves the old file or the new one.
   */
  saveEnrollment(enrollment: Enrollment): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = this.file('enrollment.json.tmp');
    fs.rmSync(tmp, { force: true });
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, `${JSON.stringify(enrollment, null, 2)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file('enrollment.json'));
  }

  /** Replaces the stored credential after a rotation (before it is acknowledged). */
  saveCredential(credential: string): void {
    const enrollment = this.loadEnrollment();
    if (!enrollment) throw new Error(`No enrollment in ${this.dir} to store a new credential in.`);
    this.saveEnrollment({ ...enrollment, credential });
  }

  /** The enrollment, or null when the agent was never enrolled; a damaged file is an error that says so. */
  loadEnrollment(): Enrollment | null {
    let text: string;
    try {
      text = fs.readFileSync(this.file('enrollment.json'), 'utf8');
    } catch {
      return null;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${this.file('enrollment.json')} is not valid JSON; enroll the agent again.`);
    }
    const parsed = Enrollment.safeParse(json);
    if (!parsed.success) {
      throw new Error(
        `${this.file('enrollment.json')} is damaged (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}); enroll the agent again.`,
      );
    }
    return parsed.data;
  }

  saveStatus(status: AgentStatus): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = this.file('status.json.tmp');
    fs.writeFileSync(tmp, `${JSON.stringify(status, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.file('status.json'));
  }

  loadStatus(): AgentStatus | null {
    try {
      return JSON.parse(fs.readFileSync(this.file('status.json'), 'utf8')) as AgentStatus;
    } catch {
      return null;
    }
  }

  loadPolicy(): { version: number; policy: Record<string, unknown> } | null {
    try {
      return JSON.parse(fs.readFileSync(this.file('policy.json'), 'utf8'));
    } catch {
      return null;
    }
  }

  savePolicy(version: number, policy: Record<string, unknown>): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(this.file('policy.json'), `${JSON.stringify({ version, policy }, null, 2)}\n`, { mode: 0o600 });
  }
}
