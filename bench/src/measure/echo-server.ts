/**
 * The heartbeat baseline: a bare `ws` server that echoes every message, on an HTTP server like
 * the gateway's. It runs in a process of its own so that its descriptors do not count against
 * the control plane's open-file limit. Tells the parent its port (and, when asked, its CPU
 * time), then serves until killed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_FRAME_BYTES } from '@hss/schema';
import { WebSocketServer } from 'ws';

const server = http.createServer();
const wss = new WebSocketServer({ server, maxPayload: MAX_FRAME_BYTES });
wss.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
// The parent reads our CPU time around its measurement window.
process.on('message', () => {
  const u = process.cpuUsage();
  process.send?.({ cpuUs: u.user + u.system });
});
process.on('SIGINT', () => {});
process.on('disconnect', () => process.exit(0));
