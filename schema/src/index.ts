export * from './agent-protocol.js';
export * from './enums.js';
