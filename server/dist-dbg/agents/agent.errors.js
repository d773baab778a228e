import { CloseCode, ProtocolErrorCode } from '@hss/schema';
/** Why the gateway refuses an agent: sent as an error frame, then the connection closes. */
export class AgentRefused extends Error {
    constructor(message, close = CloseCode.AUTH_FAILED, code = ProtocolErrorCode.AUTH_FAILED) {
        super(message);
        this.close = close;
        this.code = code;
        this.name = 'AgentRefused';
    }
}
//# sourceMappingURL=agent.errors.js.map