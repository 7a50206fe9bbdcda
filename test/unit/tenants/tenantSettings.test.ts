import { strict as assert } from 'node:assert';
import { ZodError } from 'zod';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import { CachedTenantDirectory } from '../../../src/tenants/cachedTenantDirectory';
import {
  StoredTenantDirectory,
  tenantSettingsSchema,
  type TenantSettingsSource,
  type TenantSettings,
} from '../../../src/tenants/tenantSettings';
import { ManualClock } from '../../support/referrals/deliveryFakes';

const tenantId = '00000000-0000-4000-8000-00000000aaaa';
const day = 24 * 3_600_000;

function directory() {
  const clock = new ManualClock();
  const storage = new InMemoryStorage({ clock });
  return {
    clock,
    stored: new StoredTenantDirectory(storage.collection<TenantSettings>('tenants')),
  };
}

describe('tenant settings', function () {
  describe('referralRetentionDays', function () {
    it('is optional, and read back in ms', async function () {
      const { stored } = directory();
      assert.equal(await stored.referralRetentionMsFor(tenantId), undefined, 'no settings at all');
      await stored.save(tenantId, { contacts: { councilName: 'Test Council' } });
      assert.equal(await stored.referralRetentionMsFor(tenantId), undefined, 'not set');
      await stored.save(tenantId, { contacts: {}, referralRetentionDays: 7 });
      assert.equal(await stored.referralRetentionMsFor(tenantId), 7 * day);
      for (const days of [1, 3650]) {
        assert.equal(
          tenantSettingsSchema.parse({ contacts: {}, referralRetentionDays: days })
            .referralRetentionDays,
          days,
        );
      }
    });

    const refused: Array<[unknown, RegExp]> = [
      [0, /at least 1 day/],
      [-7, /at least 1 day/],
      [3651, /at most 3650 days/],
      [7.5, /whole number of days/],
      ['30', /whole number of days/],
      [null, /whole number of days/],
    ];
    for (const [value, message] of refused) {
      it(`refuses ${JSON.stringify(value)} with a clear message, saving nothing`, async function () {
        const { stored } = directory();
        const err = await stored
          .save(tenantId, { contacts: {}, referralRetentionDays: value })
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        assert.ok(err instanceof ZodError, 'refused by the schema');
        const [issue] = err.issues;
        assert.equal(err.issues.length, 1);
        assert.deepEqual(issue?.path, ['referralRetentionDays']);
        assert.match(issue?.message ?? '', message);
        assert.equal(await stored.referralRetentionMsFor(tenantId), undefined);
      });
    }

    it('is cached with the contacts, and a change is seen once the entry expires', async function () {
      const { clock, stored } = directory();
      let reads = 0;
      const counting: TenantSettingsSource = {
        settingsFor: (t) => {
          reads += 1;
          return stored.settingsFor(t);
        },
      };
      const cached = new CachedTenantDirectory(counting, clock, 60_000);
      await stored.save(tenantId, { contacts: {}, referralRetentionDays: 7 });
      assert.equal(await cached.referralRetentionMsFor(tenantId), 7 * day);
      await stored.save(tenantId, { contacts: {}, referralRetentionDays: 14 });
      assert.equal(await cached.referralRetentionMsFor(tenantId), 7 * day, 'from the cache');
      assert.equal(reads, 1);
      clock.advance(60_000);
      assert.equal(await cached.referralRetentionMsFor(tenantId), 14 * day);
      assert.equal(reads, 2);
    });
  });
});
