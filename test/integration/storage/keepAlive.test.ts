import { strict as assert } from 'node:assert';
import https from 'node:https';
import type { Storage } from '../../../src/kernel/documentStore';
import { createLogger } from '../../../src/logging/logger';
import {
  idleConnectionMs,
  startEmbeddedCosmos,
  type EmbeddedCosmos,
} from '../../../src/storage/cosmos/embeddedCosmos';
import { openCosmosStorage } from '../../../src/storage/cosmos/openCosmosStorage';

/**
 * Keep-alive to a local Cosmos-protocol server: the client's agent keeps sockets, and the server
 * (wrapped) no longer answers `connection: close`. Counted as TLS connections at the server.
 */
describe('storage connections (keep-alive)', function () {
  this.timeout(60_000);
  let cosmos: EmbeddedCosmos | undefined;
  let storage: Storage | undefined;
  let connections = 0;
  let requests = 0;

  before(async () => {
    cosmos = await startEmbeddedCosmos({
      onConnection: () => (connections += 1),
      onRequest: () => (requests += 1),
    });
    storage = await openCosmosStorage(
      { endpoint: cosmos.endpoint, key: cosmos.key, database: 'keep-alive-test' },
      createLogger({ level: 'silent' }),
    );
  });

  after(async () => {
    await storage?.close();
    await cosmos?.stop();
  });

  it('reuses one TLS connection for calls made one after another', async () => {
    const sessions = storage!.collection<{ n: number }>('sessions');
    const before = { connections, requests };
    for (let n = 0; n < 20; n += 1) {
      const key = { partitionKey: 'fake-tenant', id: `item-${n}` };
      await sessions.upsert(key, { n });
      const read = await sessions.read(key);
      assert.equal(read?.value.n, n);
    }
    assert.equal(requests - before.requests, 40, 'every call reached the server');
    assert.ok(
      connections - before.connections <= 1,
      `40 calls opened ${connections - before.connections} connections; at most one expected`,
    );
  });

  it('announces an idle timeout long enough that a lagging client does not write onto a closing connection', async () => {
    const announced = await new Promise<string | undefined>((resolve, reject) => {
      https
        .get(`${cosmos!.endpoint}/`, { rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve(String(res.headers['keep-alive']));
        })
        .on('error', reject);
    });
    const seconds = Number(/timeout=(\d+)/.exec(announced ?? '')?.[1]);
    assert.equal(seconds * 1000, idleConnectionMs);
    assert.ok(seconds >= 30, `the server closes idle connections after ${seconds} s`);
  });
});
