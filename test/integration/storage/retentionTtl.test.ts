import { strict as assert } from 'node:assert';
import { CosmosClient } from '@azure/cosmos';
import { DocumentStoreSessionRepository, itemKey } from '../../../src/coaching/sessionRepository';
import { StoredConversationDirectory } from '../../../src/conversations/conversationDirectory';
import { documentIdFor } from '../../../src/kernel/hash';
import type { ContainerName, Storage } from '../../../src/kernel/documentStore';
import { ConfidenceAnswers } from '../../../src/outcomes/confidenceAnswers';
import { aCheckIn, testRespondents } from '../../support/outcomes/builders';
import { retentionFromTenants } from '../../../src/referrals/delivery/deliveryWorker';
import { profileItemKey, referralFormStores } from '../../../src/referrals/form';
import { referralStoresFrom } from '../../../src/referrals/records/referralStores';
import { cosmosClientOptions } from '../../../src/storage/cosmos/cosmosClientOptions';
import {
  startEmbeddedCosmos,
  type EmbeddedCosmos,
} from '../../../src/storage/cosmos/embeddedCosmos';
import { openCosmosStorage } from '../../../src/storage/cosmos/openCosmosStorage';
import { CachedTenantDirectory } from '../../../src/tenants/cachedTenantDirectory';
import { daySeconds, RecordRetention } from '../../../src/tenants/retention';
import { StoredTenantDirectory, type TenantSettings } from '../../../src/tenants/tenantSettings';
import { capturedLogger } from '../../support/capturedLogs';
import { aStoredSession } from '../../support/personalRecords';
import { accepted, ManualClock, ScriptedPartnership } from '../../support/referrals/deliveryFakes';
import { DeliveryHarness } from '../../support/referrals/deliveryHarness';
import { aTenantId } from '../../support/referrals/referralBuilders';

const userId = '00000000-0000-4000-8000-0000000000f1';
const database = 'retention';

/**
 * The local Cosmos-protocol server does not expire items, so this checks what Cosmos DB acts on:
 * the `ttl` written on each document, from the council's retention. (Expiry itself is tested
 * against the clock on the in-memory store, which honours TTL: test/unit/tenants/retention.test.ts.)
 */
describe('retention as TTL on stored documents (real @azure/cosmos client, local server)', function () {
  this.timeout(60_000);
  let server: EmbeddedCosmos;
  let storage: Storage;
  let client: CosmosClient;

  before(async function () {
    server = await startEmbeddedCosmos();
    storage = await openCosmosStorage(
      { endpoint: server.endpoint, key: server.key, database },
      capturedLogger().logger,
    );
    client = new CosmosClient(
      cosmosClientOptions({ endpoint: server.endpoint, key: server.key, database }),
    );
  });

  after(async function () {
    client.dispose();
    await storage.close();
    await server.stop();
  });

  async function ttlOf(container: ContainerName, id: string): Promise<number | undefined> {
    const { resource } = await client
      .database(database)
      .container(container)
      .item(id, aTenantId)
      .read<{ ttl?: number }>();
    assert.ok(resource, `${container}/${id} is stored`);
    return resource.ttl;
  }

  it("writes each record with the council's period as its TTL", async function () {
    const clock = new ManualClock();
    const settings = new StoredTenantDirectory(storage.collection<TenantSettings>('tenants'));
    await settings.save(aTenantId, {
      contacts: {},
      retention: {
        sessions: 3,
        referrerProfiles: 40,
        conversations: 11,
        confidenceAnswers: 90,
        referralBodies: 2,
        auditRecords: 400,
      },
    });
    const tenants = new CachedTenantDirectory(settings, clock);
    const retention = new RecordRetention(tenants);

    const sessions = new DocumentStoreSessionRepository(
      storage.collection('sessions'),
      retention.ttlFor('sessions'),
    );
    await sessions.save({ tenantId: aTenantId, userId }, aStoredSession(clock.now()), undefined);
    const now = clock.now().toISOString();
    assert.equal(
      await ttlOf('sessions', itemKey({ tenantId: aTenantId, userId }).id),
      3 * daySeconds,
    );

    const { profiles } = referralFormStores(storage, clock, retention);
    await profiles.save({ tenantId: aTenantId, userId }, { role: 'Worker', updatedAt: now });
    assert.equal(
      await ttlOf('drafts', profileItemKey({ tenantId: aTenantId, userId }).id),
      40 * daySeconds,
    );

    await new StoredConversationDirectory(
      storage.collection('conversations'),
      clock,
      retention.ttlFor('conversations'),
    ).remember({ tenantId: aTenantId, conversationId: 'c-1', kind: 'personal', reference: {} });
    assert.equal(await ttlOf('conversations', documentIdFor('c-1')), 11 * daySeconds);

    const log = new ConfidenceAnswers(
      storage.collection('outcomes'),
      clock,
      testRespondents,
      retention.ttlFor('confidenceAnswers'),
    );
    await log.record(aTenantId, userId, aCheckIn({ 'confidence-engage': undefined }));
    const [answer] = await storage.collection('outcomes').listPartition(aTenantId);
    assert.ok(answer);
    assert.equal(await ttlOf('outcomes', answer.id), 90 * daySeconds);

    // A referral: no TTL while it is live; once purged, its audit record has the audit period.
    const stores = referralStoresFrom(storage);
    const logger = capturedLogger().logger;
    const harness = new DeliveryHarness({ stores, clock, logger });
    const worker = harness.workerWithRetention(
      new ScriptedPartnership(accepted('T-1')),
      retentionFromTenants(tenants, 30 * 24 * 3_600_000),
    );
    const id = await harness.submit();
    await worker.runOnce();
    assert.equal(await ttlOf('referrals', id), undefined, 'a referral with its body has no TTL');
    clock.advance(2 * 24 * 3_600_000);
    assert.equal((await worker.purgeOnce()).purged, 1);
    assert.equal(await ttlOf('referrals', id), 400 * daySeconds);
  });
});
