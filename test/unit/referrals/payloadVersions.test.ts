import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { intakeSchemas, schemasDir } from '../../../src/dev/partnershipIntake/intakeSchemas';
import { validateReceivedReferral } from '../../../src/referrals/schema/payloadVersions';
import { referralFields, referralGroups } from '../../../src/referrals/schema/referralFields';
import { referralBodyJsonSchema } from '../../../src/referrals/schema/referralJsonSchema';
import { validateReferral } from '../../../src/referrals/schema/validateReferral';
import { wireBody } from '../../../src/referrals/schema/wire';
import { referralPayloadVersion } from '../../../src/referrals/schema/referral';
import {
  aReferralInput,
  aVersion1Referral,
  aVersion2Input,
  aVersion2Referral,
  withField,
} from '../../support/referrals/referralBuilders';

const now = new Date('2026-11-23T10:00:00Z');

/** The JSON Schema of a path inside the referral ("father.address.postcode"). */
function schemaAt(schema: Record<string, unknown>, dotted: string): unknown {
  let node: unknown = (schema.properties as Record<string, unknown>).referral;
  for (const key of dotted.split('.')) {
    const here = node as Record<string, unknown>;
    const holder = here.type === 'array' ? (here.items as Record<string, unknown>) : here;
    if (/^\d+$/.test(key) && here.type === 'array') {
      node = holder;
      continue;
    }
    node = (holder.properties as Record<string, unknown> | undefined)?.[key];
    if (node === undefined) return undefined;
  }
  return node;
}

describe('payload versions and the intake contract', function () {
  it('the committed JSON Schemas are what the declaration generates (npx tsx src/dev/partnershipIntake/intakeSchemas.ts)', function () {
    for (const [file, schema] of Object.entries(intakeSchemas())) {
      const committed = JSON.parse(readFileSync(path.join(schemasDir, file), 'utf8')) as unknown;
      assert.deepEqual(committed, JSON.parse(JSON.stringify(schema)), `${file} is out of date`);
    }
  });

  it('publishes every declared field in the current JSON Schema, with its restriction', function () {
    const schema = referralBodyJsonSchema(referralPayloadVersion);
    const paths = [
      ...referralFields,
      ...referralGroups.flatMap((g) =>
        Object.entries(g.group.items).map(([key, leaf]) => ({
          path: `${g.path}.0.${key}`,
          spec: leaf.spec,
        })),
      ),
    ];
    for (const f of paths) {
      const at = schemaAt(schema, f.path) as Record<string, unknown> | undefined;
      assert.ok(at, `${f.path} is in the JSON Schema`);
      assert.equal(at['x-dare-restricted'] === true, f.spec.restricted, f.path);
    }
  });

  it('reads the version a referral declares: 3 as the current schema, 2 as version 2, none as version 1', function () {
    const current = validateReceivedReferral(aReferralInput(), { now });
    assert.ok(current.ok);
    assert.equal(current.version, 3);

    const v2 = validateReceivedReferral(aVersion2Input(), { now });
    assert.ok(v2.ok, JSON.stringify(!v2.ok && v2.errors));
    assert.equal(v2.version, 2);
    assert.deepEqual(v2.referral.agencies, aVersion2Referral().agencies);
    // Each version by its own rules: version 2's ticks are not version 3's list, nor the reverse.
    const mixed = validateReceivedReferral(withField(aVersion2Input(), 'version', 3), { now });
    assert.ok(!mixed.ok);
    assert.ok(Object.hasOwn(mixed.errors, 'agencies.list'), JSON.stringify(mixed.errors));
    const badTick = validateReceivedReferral(
      withField(aVersion2Input(), 'agencies.involved', ['nowhere']),
      { now },
    );
    assert.ok(!badTick.ok);
    assert.deepEqual(Object.keys(badTick.errors), ['agencies.involved']);

    const old = validateReceivedReferral(aVersion1Referral(), { now });
    assert.ok(old.ok, JSON.stringify(!old.ok && old.errors));
    assert.equal(old.version, 1);
    // A version 1 body is checked by version 1's rules, not waved through.
    const broken = validateReceivedReferral(
      { ...aVersion1Referral(), consent: { basis: 'without-consent' } },
      { now },
    );
    assert.ok(!broken.ok);
    assert.deepEqual(Object.keys(broken.errors).sort(), ['consent.lawfulBasis', 'consent.reason']);
  });

  it('refuses a version it does not know, on the version field', function () {
    const result = validateReceivedReferral(withField(aReferralInput(), 'version', 4), { now });
    assert.ok(!result.ok);
    assert.deepEqual(Object.keys(result.errors), ['version']);
  });

  it('sends the version inside the referral, and older bodies exactly as they were sent before', function () {
    const checked = validateReferral(aReferralInput(), { now });
    assert.ok(checked.ok);
    const envelope = {
      referralId: '8f0c3f5e-1b7a-4c55-9a43-6f2d0f7d2a11',
      submittedAt: now.toISOString(),
    };
    assert.match(wireBody({ ...envelope, referral: checked.referral }), /"version":3/);
    const v2 = wireBody({ ...envelope, referral: aVersion2Referral() });
    assert.match(v2, /"version":2/);
    assert.match(
      v2,
      /"agencies":\{"details":"Attends a community alcohol service.","involved":\["drug-and-alcohol"\]\}/,
    );
    const v1 = wireBody({ ...envelope, referral: aVersion1Referral() });
    assert.doesNotMatch(v1, /"version"/);
    assert.doesNotMatch(v1, /"sharing"/);
  });
});
