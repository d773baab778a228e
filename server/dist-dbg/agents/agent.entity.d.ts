import { type Ref } from '@mikro-orm/core';
import { Account } from '../accounts/account.entity.js';
import { Server } from '../servers/server.entity.js';
/** The HSS agent installed on a server. Its status lives on the server, where lists filter it. */
export declare class Agent {
    id: string;
    account: Ref<Account>;
    server: Ref<Server>;
    version: string;
    /** SHA-256 of the agent's own credential, issued once at enrollment. */
    credentialHash: string;
    /** The gateway connection the agent is on; a late close of an older connection changes nothing. */
    connectionId: string | null;
    /** The policy version the agent acknowledged last. */
    policyVersion: number | null;
    enrolledAt: Date;
    lastSeenAt: Date | null;
    revokedAt: Date | null;
}
