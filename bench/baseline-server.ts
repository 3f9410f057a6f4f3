// The baseline: the stock @y/websocket-server 0.1.1 connection handler on a ws server, set up
// as its own src/server.js does, but on a free loopback port (printed like our server does).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);

const server = createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(0, '127.0.0.1', () => {
  const { address, port } = server.address() as AddressInfo;
  console.log(`y-websocket-server listening on http://${address}:${port}`);
});
// Exit normally on SIGTERM so that --cpu-prof (BENCH_PROFILE) can write its profile.
process.on('SIGTERM', () => process.exit(0));
