import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  childFields,
  fieldsOf,
  formSteps,
  labelOfPath,
  stepDefinition,
  stepOfPath,
  type FieldDefinition,
} from '../../../../src/referrals/form/formDefinition';
import {
  displayValue,
  readStepInput,
  referralInput,
  valuesFromCoaching,
  valuesFromReferral,
} from '../../../../src/referrals/form/formValues';
import {
  referralLimits,
  type ReferralSectionName,
} from '../../../../src/referrals/schema/referral';
import {
  validateReferral,
  validateReferralSection,
} from '../../../../src/referrals/schema/validateReferral';
import { aReferralInput } from '../../../support/referrals/referralBuilders';
import { allLeafFields, freeTextFields } from '../../../support/referrals/referralFields';

const now = new Date('2026-11-23T10:00:00Z');
const allFields = (count = 1): FieldDefinition[] =>
  formSteps.flatMap((s) => fieldsOf(s, { 'household.children': count, 'agencies.list': count }));

describe('the form and the referral schema', () => {
  it('has an input for every field of the schema, with the schema’s path as its id', () => {
    const ids = new Set(allFields().map((f) => f.path));
    for (const path of allLeafFields) assert.ok(ids.has(path), `no input for ${path}`);
    for (const id of ids) assert.ok(labelOfPath(id), `no label for ${id}`);
    for (const id of ids) assert.ok(stepOfPath(id), `no step for ${id}`);
  });

  it('hints the same limits as the server: free text of maxLength passes, one more fails', () => {
    const base = aReferralInput() as Record<string, Record<string, unknown>>;
    for (const path of freeTextFields) {
      const field = allFields().find((f) => f.path === path);
      assert.ok(field?.maxLength, `${path} has a maxLength hint`);
      const [section, name] = path.split('.') as [ReferralSectionName, string];
      const at = (value: string) =>
        validateReferralSection(section, { ...base[section], [name]: value }, { now });
      assert.ok(at('a'.repeat(field.maxLength)).ok, `${path} at its limit`);
      assert.equal(at('a'.repeat(field.maxLength + 1)).ok, false, `${path} over its limit`);
    }
    assert.equal(
      allFields().find((f) => f.path === 'concerns.recentIncidents')?.maxLength,
      referralLimits.incidents,
    );
  });

  it('turns the complete form back into the same referral (values → input → schema)', () => {
    const checked = validateReferral(aReferralInput(), { now });
    assert.ok(checked.ok);
    const { values, counts } = valuesFromReferral(checked.referral);
    assert.deepEqual(counts, { 'household.children': 2, 'agencies.list': 1 });
    const again = validateReferral(referralInput(values, counts), { now });
    assert.ok(again.ok, JSON.stringify(!again.ok && again.errors));
    assert.deepEqual(again.referral, checked.referral);
  });

  it('reads only the inputs of the card submitted; everything else in the data is ignored', () => {
    const raw = {
      'father.name': 'Sam',
      'referrer.name': 'Someone else',
      __proto__: { polluted: true },
      constructor: 'x',
      'father.address.line1': '1 Street',
    } as Record<string, unknown>;
    const read = readStepInput(stepDefinition('father'), raw, {}, {});
    assert.equal(read.values['father.name'], 'Sam');
    assert.equal(read.values['referrer.name'], undefined);
    assert.deepEqual(Object.keys(read.sections), ['father']);
    assert.equal(
      (read.sections.father as { address: { line1: string } }).address.line1,
      '1 Street',
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('takes the household’s children from the draft, not from the household card', () => {
    const draft = Object.fromEntries(
      childFields(0).map((f) => [f.path, f.kind === 'number' ? '7' : f.choices![0]!.value]),
    );
    const read = readStepInput(
      stepDefinition('household'),
      { 'household.children.0.age': '99' },
      draft,
      { 'household.children': 1 },
    );
    assert.equal(
      (read.sections.household as { children: Array<{ age: unknown }> }).children[0]?.age,
      '7',
    );
  });

  it('shows back what it can: text capped at the field’s length, only listed options, no controls', () => {
    const name = allFields().find((f) => f.path === 'father.name')!;
    const kinds = allFields().find((f) => f.path === 'concerns.kinds')!;
    const plan = allFields().find((f) => f.path === 'household.childrenPlan')!;
    assert.equal(displayValue(name, 'x'.repeat(100_000)).length, referralLimits.name);
    assert.equal(displayValue(name, 'a\u0000b'), 'ab');
    assert.equal(displayValue(name, { toString: 'x' }), '');
    assert.equal(displayValue(kinds, 'economic,bogus,economic,physical'), 'economic,physical');
    assert.equal(displayValue(plan, 'child-protection'), 'child-protection');
    assert.equal(displayValue(plan, '<b>'), '');
    fc.assert(
      fc.property(fc.anything(), (value) => {
        for (const field of allFields()) {
          const shown = displayValue(field, value);
          assert.equal(typeof shown, 'string');
          assert.ok(shown.length <= 4000);
        }
      }),
    );
  });

  it('maps what the walk-through learnt onto the form (categories only)', () => {
    assert.deepEqual(
      valuesFromCoaching({
        riskIndicators: [
          'strangulation',
          'threat-to-kill',
          'child-harm',
          'honour-based',
          'unknown',
        ],
        facts: ['blamed', 'separating', 'share-without-consent'],
        childConcern: true,
      }),
      {
        'risk.highRiskSigns':
          'strangulation-or-choking,threats-to-kill,honour-based-abuse-or-forced-marriage,separation',
        'concerns.acknowledgement': 'blames-others',
        'household.partnerRelationship': 'separated-or-separating',
        'consent.basis': 'not-asked',
      },
    );
    assert.deepEqual(
      valuesFromCoaching({ riskIndicators: [], facts: [], childConcern: false }),
      {},
    );
  });
});
