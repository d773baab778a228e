import { CloseCode, ProtocolErrorCode } from '@hss/schema';
/** Why the gateway refuses an agent: sent as an error frame, then the connection closes. */
export declare class AgentRefused extends Error {
    readonly close: CloseCode;
    readonly code: ProtocolErrorCode;
    constructor(message: string, close?: CloseCode, code?: ProtocolErrorCode);
}
