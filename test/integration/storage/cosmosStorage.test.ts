import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import { CosmosClient } from '@azure/cosmos';
import { parseConfig, type AppConfig } from '../../../src/config/config';
import { containers, type Storage } from '../../../src/kernel/documentStore';
import { ErrorCodes, isAppError } from '../../../src/kernel/errors';
import type { LogFields, Logger } from '../../../src/logging/logger';
import { cosmosClientOptions } from '../../../src/storage/cosmos/cosmosClientOptions';
import {
  startEmbeddedCosmos,
  type EmbeddedCosmos,
} from '../../../src/storage/cosmos/embeddedCosmos';
import { openCosmosStorage } from '../../../src/storage/cosmos/openCosmosStorage';
import { openStorage } from '../../../src/storage/openStorage';
import { describeDocumentStoreContract } from '../../contract/documentStore.contract';

interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly fields: LogFields;
}

/** Keeps every line so tests can check what storage logs (and that it logs no keys or values). */
class RecordingLogger implements Logger {
  constructor(
    readonly lines: LogLine[] = [],
    private readonly bindings: LogFields = {},
  ) {}
  debug(message: string, fields?: LogFields): void {
    this.lines.push({ level: 'debug', message, fields: { ...this.bindings, ...fields } });
  }
  info(message: string, fields?: LogFields): void {
    this.lines.push({ level: 'info', message, fields: { ...this.bindings, ...fields } });
  }
  warn(message: string, fields?: LogFields): void {
    this.lines.push({ level: 'warn', message, fields: { ...this.bindings, ...fields } });
  }
  error(message: string, fields?: LogFields): void {
    this.lines.push({ level: 'error', message, fields: { ...this.bindings, ...fields } });
  }
  child(bindings: LogFields): Logger {
    return new RecordingLogger(this.lines, { ...this.bindings, ...bindings });
  }
}

function isRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

const withCode =
  (code: string) =>
  (err: unknown): boolean =>
    isAppError(err, code);

describe('Cosmos DB storage (real @azure/cosmos client, embedded Cosmos-protocol server)', function () {
  let server: EmbeddedCosmos;
  const logger = new RecordingLogger();

  before(async function () {
    server = await startEmbeddedCosmos();
  });

  after(async function () {
    await server?.stop();
  });

  describeDocumentStoreContract(
    'Cosmos DB',
    () =>
      openCosmosStorage(
        { endpoint: server.endpoint, key: server.key, database: 'contract' },
        logger,
      ),
    { propertyRuns: 25 },
  );

  describe('opening', function () {
    it('creates every container partitioned on /pk with the default TTL from the table', async function () {
      const storage = await openCosmosStorage(
        { endpoint: server.endpoint, key: server.key, database: 'fresh' },
        logger,
      );
      const client = new CosmosClient(
        cosmosClientOptions({ endpoint: server.endpoint, key: server.key, database: 'fresh' }),
      );
      try {
        const { resources } = await client.database('fresh').containers.readAll().fetchAll();
        assert.deepEqual(resources.map((c) => c.id).sort(), Object.keys(containers).sort());
        for (const container of resources) {
          assert.deepEqual(container.partitionKey?.paths, ['/pk'], container.id);
          assert.equal(container.defaultTtl, -1, container.id);
        }
      } finally {
        client.dispose();
        await storage.close();
      }
    });

    it('opens again over existing containers and sees the data already there', async function () {
      const settings = { endpoint: server.endpoint, key: server.key, database: 'reopen' };
      const first = await openCosmosStorage(settings, logger);
      await first
        .collection<{ n: number }>('referrals')
        .create({ partitionKey: 'p', id: 'r1' }, { n: 1 });
      await first.close();
      const second = await openCosmosStorage(settings, logger);
      try {
        assert.equal(
          (
            await second
              .collection<{ n: number }>('referrals')
              .read({ partitionKey: 'p', id: 'r1' })
          )?.value.n,
          1,
        );
      } finally {
        await second.close();
      }
    });

    it('two instances starting together on an empty database both come up (409 means it exists)', async function () {
      // Each round is a fresh database: both instances find it and its containers missing and
      // race to create them; whichever loses gets 409 and must read instead of exiting.
      for (let round = 0; round < 8; round += 1) {
        const settings = { endpoint: server.endpoint, key: server.key, database: `race-${round}` };
        const opened = await Promise.allSettled([
          openCosmosStorage(settings, logger),
          openCosmosStorage(settings, logger),
        ]);
        for (const result of opened) if (result.status === 'fulfilled') await result.value.close();
        assert.deepEqual(
          opened.map((r) => r.status),
          ['fulfilled', 'fulfilled'],
          `round ${round}`,
        );
      }
    });

    it('refuses to start on a container partitioned on another path', async function () {
      const client = new CosmosClient(
        cosmosClientOptions({ endpoint: server.endpoint, key: server.key, database: 'wrong' }),
      );
      try {
        const { database } = await client.databases.createIfNotExists({ id: 'wrong' });
        await database.containers.createIfNotExists({
          id: 'sessions',
          partitionKey: { paths: ['/tenantId'] },
        });
      } finally {
        client.dispose();
      }
      await assert.rejects(
        openCosmosStorage(
          { endpoint: server.endpoint, key: server.key, database: 'wrong' },
          logger,
        ),
        (err: unknown) =>
          isAppError(err, ErrorCodes.storeUnavailable) &&
          err.catastrophic &&
          /sessions/.test(err.message),
      );
    });
  });

  describe('ping', function () {
    it('answers while the server runs and fails once it has stopped', async function () {
      const own = await startEmbeddedCosmos();
      const storage = await openCosmosStorage(
        { endpoint: own.endpoint, key: own.key, database: 'ping' },
        logger,
      );
      try {
        await storage.ping();
        await own.stop();
        await assert.rejects(storage.ping(), withCode(ErrorCodes.storeUnavailable));
        await assert.rejects(
          storage.collection('sessions').read({ partitionKey: 'p', id: 'x' }),
          withCode(ErrorCodes.storeUnavailable),
        );
        const outage = logger.lines.find((line) => line.message === 'Cosmos DB call failed');
        assert.equal(outage?.fields.reason, 'ECONNREFUSED');
        assert.equal(outage?.fields.container, 'sessions');
      } finally {
        await storage.close();
        await own.stop();
      }
    });

    it('cannot open a server that is not there: a catastrophic STORE_UNAVAILABLE', async function () {
      const gone = await startEmbeddedCosmos();
      await gone.stop();
      await assert.rejects(
        openCosmosStorage({ endpoint: gone.endpoint, key: gone.key, database: 'none' }, logger),
        (err: unknown) => isAppError(err, ErrorCodes.storeUnavailable) && err.catastrophic,
      );
    });
  });

  describe('openStorage(config)', function () {
    const testConfig = (): AppConfig => parseConfig({ NODE_ENV: 'test', COSMOS_DATABASE: 'app' });

    it('without an endpoint outside production, runs on an embedded server that close() stops', async function () {
      const own = new RecordingLogger();
      const storage: Storage = await openStorage(testConfig(), own);
      const port = own.lines.find((line) => typeof line.fields.port === 'number')?.fields.port;
      assert.equal(typeof port, 'number');
      await storage.ping();
      const stored = await storage
        .collection<{ ok: boolean }>('feedback')
        .create({ partitionKey: 't', id: 'f' }, { ok: true });
      assert.equal(stored.value.ok, true);
      await storage.close();
      assert.equal(await isRefused(Number(port)), true, 'the embedded server is stopped');
    });

    it('with an endpoint, uses that account', async function () {
      const config: AppConfig = {
        ...testConfig(),
        cosmos: { endpoint: server.endpoint, key: server.key, database: 'configured' },
      };
      const storage = await openStorage(config, logger);
      try {
        await storage
          .collection<{ n: number }>('nudges')
          .upsert({ partitionKey: 't', id: 'n' }, { n: 1 });
      } finally {
        await storage.close();
      }
      const direct = await openCosmosStorage(
        { endpoint: server.endpoint, key: server.key, database: 'configured' },
        logger,
      );
      try {
        assert.equal(
          (await direct.collection<{ n: number }>('nudges').read({ partitionKey: 't', id: 'n' }))
            ?.value.n,
          1,
        );
      } finally {
        await direct.close();
      }
    });

    it('refuses production without an endpoint, as a catastrophic error', async function () {
      const config: AppConfig = { ...testConfig(), environment: 'production' };
      await assert.rejects(
        openStorage(config, logger),
        (err: unknown) => isAppError(err, ErrorCodes.configInvalid) && err.catastrophic,
      );
    });
  });

  // Last, so it sees every line the suites above produced (mocha runs nested suites in order).
  describe('logging', function () {
    it('logs no partition keys, ids or values', function () {
      const text = JSON.stringify(logger.lines);
      assert.ok(logger.lines.some((line) => line.message === 'Cosmos DB storage open'));
      assert.doesNotMatch(text, /tenant-|consent|emoji|ünïcödé|"r1"/);
    });
  });
});
