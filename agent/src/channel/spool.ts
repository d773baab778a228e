import fs from 'node:fs/promises';
import path from 'node:path';
import type { Message } from '@hss/schema';

export interface SpoolOptions {
  dir: string;
  /** Bound on the spool's size on disk; the oldest messages are dropped beyond it. */
  maxBytes: number;
  maxMessages: number;
}

interface Entry {
  seq: number;
  id: string;
  bytes: number;
}

const FILE = /^(\d{12})\.json$/;
const COUNTERS = 'counters.json';

/**
 * The agent's outbox on disk: every report goes here first and leaves only when the control
 * plane acknowledges it, so nothing is lost to a crash, a restart or a long outage. Writes are
 * atomic (temporary file, then rename). When the bounds are reached the oldest reports are
 * dropped, and the drop is counted so that it can be reported.
 */
export class Spool {
  private entries: Entry[] = [];
  private nextSeq = 1;
  private droppedCount = 0;
  private bytes = 0;

  private constructor(private readonly opts: SpoolOptions) {}

  static async open(opts: SpoolOptions): Promise<Spool> {
    const spool = new Spool(opts);
    await fs.mkdir(opts.dir, { recursive: true, mode: 0o700 });
    const counters = await fs.readFile(path.join(opts.dir, COUNTERS), 'utf8').catch(() => '{}');
    try {
      spool.droppedCount = Number(JSON.parse(counters).dropped ?? 0) || 0;
    } catch {
      spool.droppedCount = 0;
    }
    for (const name of (await fs.readdir(opts.dir)).sort()) {
      const match = FILE.exec(name);
      if (!match) {
        // A temporary file left by a crash mid-write was never part of the spool.
        if (name.endsWith('.tmp')) await fs.rm(path.join(opts.dir, name), { force: true });
        continue;
      }
      const file = path.join(opts.dir, name);
      try {
        const text = await fs.readFile(file, 'utf8');
        const message = JSON.parse(text) as Message;
        spool.entries.push({ seq: Number(match[1]), id: message.id, bytes: Buffer.byteLength(text) });
        spool.bytes += Buffer.byteLength(text);
      } catch {
        // Unreadable (disk trouble): counted as dropped rather than blocking every later report.
        await fs.rm(file, { force: true });
        spool.droppedCount += 1;
      }
    }
    spool.nextSeq = (spool.entries.at(-1)?.seq ?? 0) + 1;
    return spool;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Reports dropped because the spool was full, since the agent was installed. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Stores a message; resolves once it is on disk. */
  async append(message: Message): Promise<void> {
    const text = JSON.stringify(message);
    const seq = this.nextSeq++;
    const name = `${String(seq).padStart(12, '0')}.json`;
    const tmp = path.join(this.opts.dir, `${name}.tmp`);
    await fs.writeFile(tmp, text, { mode: 0o600 });
    await fs.rename(tmp, path.join(this.opts.dir, name));
    this.entries.push({ seq, id: message.id, bytes: Buffer.byteLength(text) });
    this.bytes += Buffer.byteLength(text);
    await this.enforceBounds();
  }

  /** The stored messages, oldest first. */
  async *pending(): AsyncGenerator<Message> {
    for (const entry of [...this.entries]) {
      if (!this.entries.includes(entry)) continue;
      try {
        yield JSON.parse(await fs.readFile(this.file(entry), 'utf8')) as Message;
      } catch {
        // Removed meanwhile (acknowledged or dropped).
      }
    }
  }

  /** The control plane acknowledged `id`: it leaves the spool. */
  async acknowledge(id: string): Promise<boolean> {
    const index = this.entries.findIndex((e) => e.id === id);
    if (index < 0) return false;
    const [entry] = this.entries.splice(index, 1);
    this.bytes -= entry!.bytes;
    await fs.rm(this.file(entry!), { force: true });
    return true;
  }

  private async enforceBounds(): Promise<void> {
    let dropped = 0;
    while (this.entries.length > this.opts.maxMessages || (this.bytes > this.opts.maxBytes && this.entries.length > 1)) {
      const oldest = this.entries.shift()!;
      this.bytes -= oldest.bytes;
      await fs.rm(this.file(oldest), { force: true });
      dropped += 1;
    }
    if (dropped) {
      this.droppedCount += dropped;
      await fs.writeFile(path.join(this.opts.dir, COUNTERS), JSON.stringify({ dropped: this.droppedCount }), { mode: 0o600 });
    }
  }

  private file(entry: Entry): string {
    return path.join(this.opts.dir, `${String(entry.seq).padStart(12, '0')}.json`);
  }
}
