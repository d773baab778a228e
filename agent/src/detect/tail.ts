import fs from 'node:fs';

/**
 * Follows a log file as it grows, like `tail -F`: survives rotation (a new inode) and truncation,
 * keeps a partial last line until its newline arrives. An inotify watch on the file reads new
 * lines as they are written; a stat poll (every second, or `intervalMs`) finds rotations, which
 * the watch of the old file cannot see, and covers file systems without inotify. Polling alone
 * every 250 ms cost an idle agent more CPU than everything else it does.
 */
export class LogTail {
  private offset = 0;
  private inode = -1;
  private partial = '';
  private timer: NodeJS.Timeout | undefined;
  private reading = false;
  /** An event came while a read was going on: read again after it. */
  private again = false;
  private watcher: fs.FSWatcher | null = null;
  private watchedInode = -1;

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
    this.timer = setInterval(() => void this.poll(), this.opts.intervalMs ?? 1000);
    this.timer.unref();
    this.watch();
    void this.poll();
  }

  stop(): void {
    clearInterval(this.timer);
    this.watcher?.close();
    this.watcher = null;
  }

  /** Watches the file that is there now (after a rotation, the new one). */
  private watch(): void {
    if (this.inode === this.watchedInode) return;
    this.watcher?.close();
    this.watcher = null;
    this.watchedInode = this.inode;
    if (this.inode === -1) return;
    try {
      this.watcher = fs.watch(this.file, { persistent: false }, () => void this.poll());
      this.watcher.on('error', () => {
        this.watcher?.close();
        this.watcher = null;
      });
    } catch {
      // No inotify here: the poll alone follows the file.
    }
  }

  /** Reads whatever was appended since the last poll. */
  async poll(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return;
    }
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
        this.watch();
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
      if (this.again) {
        this.again = false;
        void this.poll();
      }
    }
  }
}
