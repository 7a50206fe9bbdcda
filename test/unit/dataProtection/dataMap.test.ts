import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { coachingSessionSchema } from '../../../src/coaching/session';
import { dataMap } from '../../../src/dataProtection/dataMap';
import {
  referralBodyFields,
  referralBodyMarkings,
} from '../../../src/dataProtection/referralBodyData';
import { renderDataMap, withGeneratedPart } from '../../../src/dataProtection/renderDataMap';
import { containers } from '../../../src/kernel/documentStore';
import { projectRoot } from '../../../src/kernel/projectRoot';
import { referralDraftSchema } from '../../../src/referrals/form/draft';
import { receiptRecordSchema } from '../../../src/referrals/receipt/receipts';
import { rememberedReferrerSchema } from '../../../src/referrals/form/referrerProfile';
import { referralStoresFrom } from '../../../src/referrals/records/referralStores';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import { tenantSettingsSchema } from '../../../src/tenants/tenantSettings';
import { storedFeedbackSchema } from '../../../src/wording/feedback';
import { capturedLogger } from '../../support/capturedLogs';
import {
  accepted,
  ManualClock,
  ScriptedPartnership,
  serverError,
} from '../../support/referrals/deliveryFakes';
import { DeliveryHarness } from '../../support/referrals/deliveryHarness';

const root = projectRoot();
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

function recordFields(container: keyof typeof dataMap, name: string): string[] {
  const record = dataMap[container].records.find((r) => r.name === name);
  assert.ok(record, `${container} has a record type "${name}" in the data map`);
  return Object.keys(record.fields).sort();
}

const keysOf = (schema: z.ZodObject) => Object.keys(schema.shape).sort();

describe('data map (docs/data-protection.md)', function () {
  it('has an entry for every container, and none for a container that does not exist', function () {
    assert.deepEqual(Object.keys(dataMap).sort(), Object.keys(containers).sort());
  });

  it('declares exactly the stored fields of every schema-checked record', function () {
    const cases: Array<[keyof typeof dataMap, string, z.ZodObject]> = [
      ['sessions', 'coaching session', coachingSessionSchema],
      ['drafts', 'referral draft', referralDraftSchema],
      ['drafts', 'referrer profile', rememberedReferrerSchema],
      ['drafts', 'receipt', receiptRecordSchema],
      ['feedback', 'phrasing feedback', storedFeedbackSchema],
      ['tenants', 'tenant settings', tenantSettingsSchema],
    ];
    for (const [container, name, schema] of cases) {
      assert.deepEqual(recordFields(container, name), keysOf(schema), `${container}: ${name}`);
    }
  });

  it('declares every field a referral record takes on through delivery, retry and purge', async function () {
    const clock = new ManualClock();
    const stores = referralStoresFrom(new InMemoryStorage({ clock }));
    const harness = new DeliveryHarness({ stores, clock, logger: capturedLogger().logger });
    const id = await harness.submit();
    const seen = new Set(Object.keys(await harness.record(id)));
    await harness.worker(new ScriptedPartnership(serverError())).runOnce();
    for (const k of Object.keys(await harness.record(id))) seen.add(k);
    await harness.advanceToNextAttempt(id);
    await harness.worker(new ScriptedPartnership(accepted('M-1'))).runOnce();
    for (const k of Object.keys(await harness.record(id))) seen.add(k);
    clock.advance(31 * 24 * 3_600_000);
    await harness.worker(new ScriptedPartnership()).purgeOnce();
    for (const k of Object.keys(await harness.record(id))) seen.add(k);
    const declared = new Set(
      recordFields('referrals', 'referral (and, once its body is purged, its audit record)'),
    );
    assert.deepEqual(
      [...seen].filter((k) => !declared.has(k)),
      [],
      'stored but not in the data map',
    );
    assert.ok(seen.has('bodyPurgedAt') && seen.has('lastFailure'), 'the whole life was exercised');
  });

  it('marks every referral body field, and marks nothing that is not a field', function () {
    const paths = referralBodyFields().map((f) => f.path);
    assert.deepEqual(
      paths.filter((p) => !(p in referralBodyMarkings)),
      [],
      'declared referral fields without a data-map marking (src/dataProtection/referralBodyData.ts)',
    );
    assert.deepEqual(
      Object.keys(referralBodyMarkings).filter((p) => !paths.includes(p)),
      [],
      'markings for fields that no longer exist',
    );
    for (const [p, marking] of Object.entries(referralBodyMarkings)) {
      assert.ok(marking.subjects.length > 0, `${p} names whose data it is`);
    }
  });

  it('is not stale: the generated part matches the code (npm run data-map)', function () {
    const doc = read('docs/data-protection.md');
    assert.equal(withGeneratedPart(doc, renderDataMap()), doc);
  });

  it('is linked from the README', function () {
    assert.match(read('README.md'), /\(docs\/data-protection\.md\)/);
  });
});
