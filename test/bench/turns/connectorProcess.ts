/**
 * Stands in for the Bot Framework connector (the activities' serviceUrl) in its own process.
 * It keeps no replies, only a count per bot (the first path segment of the serviceUrl), so
 * thousands of turns cost it no memory and no parsing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerParent } from './childProcess';

const replies: Record<string, number> = {};

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const bot = (req.url ?? '').split('/')[1] ?? '';
    const count = (replies[bot] ?? 0) + 1;
    replies[bot] = count;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `reply-${count}` }));
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  answerParent({ replies: () => ({ replies: { ...replies } }) }, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` });
});
