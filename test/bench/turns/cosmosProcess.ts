/**
 * The bench's storage: the Cosmos-protocol server in its own process, with connections kept open
 * (as Cosmos DB keeps them), counting every request it answers by kind.
 */
import type { IncomingMessage } from 'node:http';
import { startEmbeddedCosmos } from '../../../src/storage/cosmos/embeddedCosmos';
import { answerParent } from './childProcess';

export interface StorageCounts {
  /** Point reads of a document. */
  reads: number;
  /** Creates, replaces, upserts and deletes of a document. */
  writes: number;
  queries: number;
  /** Database, container and partition-range look-ups. */
  metadata: number;
  /** TLS connections opened by clients. */
  connections: number;
}

const counts: StorageCounts = { reads: 0, writes: 0, queries: 0, metadata: 0, connections: 0 };

function classify(req: IncomingMessage): keyof StorageCounts {
  const path = (req.url ?? '').split('?')[0] ?? '';
  const segments = path.split('/').filter((s) => s !== '');
  const onDocs = segments[4] === 'docs';
  if (!onDocs) return 'metadata';
  const oneDocument = segments.length === 6;
  if (req.method === 'GET') return oneDocument ? 'reads' : 'queries';
  if (req.method === 'POST' && req.headers['x-ms-documentdb-isquery']) return 'queries';
  return 'writes';
}

async function main(): Promise<void> {
  const cosmos = await startEmbeddedCosmos({
    onRequest: (req) => (counts[classify(req)] += 1),
    onConnection: () => (counts.connections += 1),
  });
  answerParent({ counts: () => ({ counts: { ...counts } }) }, () => {
    void cosmos.stop().then(() => process.exit(0));
  });
  process.send?.({ type: 'ready', endpoint: cosmos.endpoint, key: cosmos.key });
}

void main();
