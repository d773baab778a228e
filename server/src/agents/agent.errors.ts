import { CloseCode, ProtocolErrorCode } from '@hss/schema';

/** Why the gateway refuses an agent: sent as an error frame, then the connection closes. */
export class AgentRefused extends Error {
  constructor(
    message: string,
    readonly close: CloseCode = CloseCode.AUTH_FAILED,
    readonly code: ProtocolErrorCode = ProtocolErrorCode.AUTH_FAILED,
  ) {
    super(message);
    this.name = 'AgentRefused';
  }
}
