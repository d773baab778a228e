import fs from 'node:fs';

/**
 * Follows a log file as it grows, like `tail -F`: survives rotation (a new inode) and truncation,
 * keeps a partial last line until its newline arrives. Polls with stat, which costs next to
 * nothing and works on every file system, where inotify-based watching misses rotations.
 */
export class LogTail {
  private offset = 0;
  private inode = -1;
  private partial = '';
  private timer: NodeJS.Timeout | undefined;
  private reading = false;

  constructor(
    private readonly file: string,
    private readonly onLine: (line: string) => void,
    private readonly opts: { fromStart?: boolean; intervalMs?: number } = {},
  ) {}

  start(): void {
    try {
      const st = fs.statSync(this.file);
      this.inode = st.ino;
      this.offset = this.opts.fromStart ? 0 : st.size;
    } catch {
      this.inode = -1;
      this.offset = 0;
    }
    this.timer = setInterval(() => void this.poll(), this.opts.intervalMs ?? 250);
    this.timer.unref();
    void this.poll();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Reads whatever was appended since the last poll. */
  async poll(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      let st: fs.Stats;
      try {
        st = await fs.promises.stat(this.file);
      } catch {
        return; // Rotated away and not yet recreated.
      }
      if (st.ino !== this.inode || st.size < this.offset) {
        this.inode = st.ino;
        this.offset = 0;
        this.partial = '';
      }
      if (st.size === this.offset) return;
      const handle = await fs.promises.open(this.file, 'r');
      try {
        const length = st.size - this.offset;
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, this.offset);
        this.offset += bytesRead;
        const text = this.partial + buffer.subarray(0, bytesRead).toString('utf8');
        const lines = text.split('\n');
        this.partial = lines.pop() ?? '';
        for (const line of lines) if (line) this.onLine(line);
      } finally {
        await handle.close();
      }
    } finally {
      this.reading = false;
    }
  }
}
