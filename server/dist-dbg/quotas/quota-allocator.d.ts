import { EditionCode } from '@hss/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Server } from '../servers/server.entity.js';
import { Quota } from './quota.entity.js';
/**
 * Decides which quota protects a server. Every method runs inside the caller's transaction,
 * after the server row is locked: lock order is always server, then quota, so two requests
 * never deadlock, and an idle quota is taken with SKIP LOCKED, so two requests never take
 * the same one.
 */
export declare class QuotaAllocator {
    /** "Any quota": the idle quota of `edition` in the server's region that stays valid longest. */
    claimAny(tx: EntityManager, server: Server, edition: EditionCode, now: Date): Promise<Quota>;
    /** A quota the user chose by id; it must be idle, unexpired, of `edition` and in the server's region. */
    claimNamed(tx: EntityManager, server: Server, quotaId: string, edition: EditionCode | null, now: Date): Promise<Quota>;
    /** Returns the quota bound to `server` to the pool, or marks it EXPIRED when its time is up. */
    release(tx: EntityManager, server: Server, now: Date): Promise<Quota | null>;
    private bind;
    private insufficient;
}
