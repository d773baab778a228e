import fs from 'node:fs';
import path from 'node:path';
import { MAX_SEQ } from '@hss/schema';

/**
 * The agent's frame sequence numbers: strictly increasing for as long as it keeps its
 * credential, across reconnects and restarts. The control plane drops a frame whose number is
 * not above the last it accepted (replay protection).
 *
 * Persisted by blocks: before the first number of a block is used, the block's end is written
 * (temporary file, then rename). After a crash the counter resumes above the end of the last
 * written block, so it never repeats a number and costs one small write per `block` frames.
 */
export class SequenceCounter {
  private last: number;
  private reservedUpTo: number;

  private constructor(
    private readonly file: string | null,
    start: number,
    private readonly block: number,
  ) {
    this.last = start;
    this.reservedUpTo = start;
  }

  /** A counter kept in `file`; a missing or unreadable file starts at 0. */
  static open(file: string, block = 1000): SequenceCounter {
    let start = 0;
    try {
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { reservedUpTo?: unknown };
      if (Number.isSafeInteger(saved.reservedUpTo) && (saved.reservedUpTo as number) >= 0) start = saved.reservedUpTo as number;
    } catch {
      // No file yet (first run) or a damaged one: the control plane's welcome.lastSeq repairs it.
    }
    return new SequenceCounter(file, start, block);
  }

  /** A counter in memory only: for tools whose numbers the welcome's lastSeq keeps in line. */
  static inMemory(): SequenceCounter {
    return new SequenceCounter(null, 0, Number.MAX_SAFE_INTEGER);
  }

  /** The next number. */
  take(): number {
    if (this.last >= MAX_SEQ) throw new Error('The frame sequence number is exhausted; enroll the agent again.');
    if (this.last + 1 > this.reservedUpTo) this.reserve(this.last + 1);
    this.last += 1;
    return this.last;
  }

  /** The control plane accepted up to `seq` (welcome.lastSeq): continue above it. */
  continueAbove(seq: number): void {
    if (seq <= this.last) return;
    this.last = seq;
    if (this.last >= this.reservedUpTo) this.reserve(this.last + 1);
  }

  private reserve(from: number): void {
    const upTo = Math.min(MAX_SEQ, from + this.block - 1);
    if (this.file) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      const tmp = `${this.file}.tmp`;
      fs.writeFileSync(tmp, `${JSON.stringify({ reservedUpTo: upTo })}\n`, { mode: 0o600 });
      fs.renameSync(tmp, this.file);
    }
    this.reservedUpTo = upTo;
  }
}
