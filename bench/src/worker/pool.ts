import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Envelope, Replies, Reply, Request } from './protocol.js';

const WORKER = fileURLToPath(new URL('./client-worker.js', import.meta.url));

type Cmd = Request['cmd'];
type ArgsOf<C extends Cmd> = Extract<Request, { cmd: C }> extends { args: infer A } ? A : undefined;

/** One client process, asked things over IPC. */
export class ClientProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private exited = false;

  constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: Reply) => {
      const w = this.waiting.get(reply.id);
      if (!w) return;
      this.waiting.delete(reply.id);
      if (reply.ok) w.resolve(reply.result);
      else w.reject(new Error(`client process: ${reply.error}`));
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      for (const w of this.waiting.values()) w.reject(new Error(`client process exited (${code ?? signal})`));
      this.waiting.clear();
    });
  }

  ask<C extends Cmd>(cmd: C, ...rest: ArgsOf<C> extends undefined ? [] : [ArgsOf<C>]): Promise<Replies[C]> {
    if (this.exited) return Promise.reject(new Error('client process has exited'));
    const id = this.nextId++;
    const envelope = { id, cmd, ...(rest.length ? { args: rest[0] } : {}) } as Envelope;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send(envelope);
    });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    await this.ask('stop').catch(() => {});
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/** Starts `count` client processes; their output goes to our stderr, never to our stdout. */
export function forkClients(count: number): ClientProcess[] {
  return Array.from(
    { length: count },
    () => new ClientProcess(fork(WORKER, [], { stdio: ['ignore', 2, 2, 'ipc'], execArgv: ['--max-old-space-size=4096'] })),
  );
}
