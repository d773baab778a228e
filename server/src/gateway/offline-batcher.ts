import type { AgentOfflineReason } from '@hss/schema';
import type { Logger } from 'pino';
import type { AgentIdentity } from '../agents/agent.service.js';

export interface ClosedConnection {
  identity: AgentIdentity;
  connectionId: string;
  reason: AgentOfflineReason;
}

/**
 * Gathers closed connections and writes them OFFLINE together: the first close is written at
 * once, and closes that arrive while a write is running go in the next one. One close costs one
 * statement; ten thousand at the same moment cost a few, and none waits behind the others.
 */
export class OfflineBatcher {
  private queue: ClosedConnection[] = [];
  private waiters: (() => void)[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly write: (batch: ClosedConnection[]) => Promise<unknown>,
    private readonly log: Logger,
    private readonly maxBatch = 2000,
  ) {}

  /** Resolves once the close is written (or its write failed and was logged). */
  add(closed: ClosedConnection): Promise<void> {
    this.queue.push(closed);
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.running ??= this.run();
    return done;
  }

  /** Waits until every close added so far is written (on shutdown). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      const waiters = this.waiters.splice(0, batch.length);
      try {
        await this.write(batch);
      } catch (err) {
        this.log.error({ err, count: batch.length }, 'could not mark agents offline; the silent-agent sweep will');
      }
      for (const resolve of waiters) resolve();
    }
    this.running = null;
  }
}
