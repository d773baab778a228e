import { ScanStatus, type ScanTrigger } from '@hss/schema';
import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Server } from '../servers/server.entity.js';
import { ScanTask } from './scan-task.entity.js';

/** Scan tasks are queued here; the agent gateway delivers them to the agent when it is online. */
export class ScanService {
  /** Queues a full scan in the caller's transaction, unless one is already waiting. */
  async queueFullScan(tx: EntityManager, server: Server, trigger: ScanTrigger): Promise<ScanTask> {
    const waiting = await tx.findOne(ScanTask, { server: server.id, status: ScanStatus.QUEUED });
    if (waiting) return waiting;
    const task = new ScanTask();
    task.account = server.account;
    task.server = ref(server);
    task.trigger = trigger;
    tx.persist(task);
    return task;
  }
}
