import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { referralSectionNames } from '../../../src/referrals/schema/referral';
import {
  validateReferral,
  validateReferralSection,
} from '../../../src/referrals/schema/validateReferral';
import { aReferralInput, withField } from '../../support/referrals/referralBuilders';
import {
  allLeafFields,
  choiceFields,
  formattedTextFields,
  freeTextFields,
  multiChoiceFields,
  requiredFields,
  valueAt,
} from '../../support/referrals/referralFields';

const now = new Date('2025-03-03T09:00:00Z');
const validate = (input: unknown) => validateReferral(input, { now });

function errorsOf(input: unknown): Record<string, string> {
  const result = validate(input);
  assert.equal(result.ok, false, 'expected the referral to be refused');
  return result.ok ? {} : result.errors;
}

/** Things people paste, or attackers try, into a form. */
const hostileSnippets = [
  '${father.name}',
  '${if(true, "a", "b")}',
  '${$root.secret}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'; DROP TABLE referrals; --",
  '[link](javascript:alert(1))',
  '\u202Eevil',
];

const hostileText = fc
  .tuple(
    fc.constantFrom(...hostileSnippets),
    fc.string({ maxLength: 40 }),
    fc.constantFrom(...hostileSnippets),
  )
  .map(([a, middle, b]) => `${a} ${middle} ${b}`);

/** Values of the wrong JSON type for every kind of field. */
const wrongType = fc.oneof(
  fc.boolean(),
  fc.constant(null),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.array(fc.record({ x: fc.integer() }), { minLength: 1, maxLength: 3 }),
);

describe('validateReferral', function () {
  it('accepts a complete referral and marks it restricted', function () {
    const result = validate(aReferralInput());
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.equal(result.referral.restricted, true);
    assert.deepEqual(result.referral.concerns.kinds, ['controlling-or-coercive', 'economic']);
  });

  it('gives the same referral back when its own output is checked again', function () {
    const first = validate(aReferralInput());
    assert.ok(first.ok);
    const second = validate(JSON.parse(JSON.stringify(first.referral)));
    assert.ok(second.ok);
    assert.deepEqual(second.referral, first.referral);
  });

  it('reads card-shaped values: comma-separated multi-selects, numeric strings, empty optionals', function () {
    let input = withField(aReferralInput(), 'concerns.kinds', 'physical,economic,physical');
    input = withField(input, 'household.children.0.age', '7');
    input = withField(input, 'referrer.phone', '');
    input = withField(input, 'risk.highRiskSigns', '');
    input = withField(input, 'risk.safetyRoutesConsidered', '');
    const result = validate(input);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.deepEqual(result.referral.concerns.kinds, ['physical', 'economic']);
    assert.equal(result.referral.household.children[0]?.age, 7);
    assert.equal(result.referral.referrer.phone, undefined);
    assert.deepEqual(result.referral.risk.highRiskSigns, []);
  });

  it('keeps only what the schema names (unknown keys are dropped, not stored)', function () {
    const input = withField(aReferralInput(), 'father.partnerPhone', '07700 900 999');
    const result = validate(input);
    assert.ok(result.ok);
    assert.equal(valueAt(result.referral, 'father.partnerPhone'), undefined);
  });

  it('records the lawful basis on every referral, whether or not he agreed', function () {
    for (const agreed of ['consent', 'declined', 'not-asked']) {
      const input = withField(
        withField(aReferralInput(), 'consent.basis', agreed),
        'consent.whatHeKnows',
        'He knows the family hub made a referral for help with his anger.',
      );
      const result = validate(input);
      assert.ok(result.ok, agreed);
      assert.equal(result.referral.sharing.article6, 'public-task');
      assert.equal(
        result.referral.sharing.schedule1,
        'safeguarding-children-and-individuals-at-risk',
      );
    }
    const errors = errorsOf(withField(aReferralInput(), 'sharing', {}));
    assert.deepEqual(Object.keys(errors).sort(), [
      'sharing.article6',
      'sharing.reason',
      'sharing.schedule1',
    ]);
  });

  it('keeps the Article 6 bases and the Schedule 1 conditions in separate lists', function () {
    const errors = errorsOf(
      withField(
        withField(
          aReferralInput(),
          'sharing.article6',
          'safeguarding-children-and-individuals-at-risk',
        ),
        'sharing.schedule1',
        'public-task',
      ),
    );
    assert.deepEqual(Object.keys(errors).sort(), ['sharing.article6', 'sharing.schedule1']);
  });

  describe('rules across fields', function () {
    it('needs what he knows and has been told when the referral is made without his agreement', function () {
      const errors = errorsOf(withField(aReferralInput(), 'consent', { basis: 'not-asked' }));
      assert.deepEqual(Object.keys(errors), ['consent.whatHeKnows']);
      assert.match(errors['consent.whatHeKnows'] ?? '', /without his agreement/);
    });

    it('needs which concerns came from her and what must not be shared with him when she disclosed', function () {
      let input = withField(aReferralInput(), 'concerns.fromHer', '');
      input = withField(input, 'concerns.notToShare', undefined, { remove: true });
      assert.deepEqual(Object.keys(errorsOf(input)).sort(), [
        'concerns.fromHer',
        'concerns.notToShare',
      ]);
      // Not from her: neither is asked for.
      assert.ok(validate(withField(input, 'concerns.sources', ['seen-by-worker'])).ok);
    });

    it('prompts a referral for her when no victim service supports her, and asks the DASH outcome and MASH result', function () {
      let input = withField(aReferralInput(), 'partner.victimServiceInvolved', 'no');
      input = withField(input, 'partner.dashOutcome', undefined, { remove: true });
      input = withField(input, 'partner.mashContacted', 'yes');
      input = withField(input, 'risk.riskToStaff', 'yes');
      input = withField(input, 'household.familyElsewhere', 'yes');
      assert.deepEqual(Object.keys(errorsOf(input)).sort(), [
        'household.familyElsewhereDetails',
        'partner.dashOutcome',
        'partner.mashOutcome',
        'partner.victimServiceReferral',
        'risk.riskToStaffDetails',
      ]);
    });

    it('takes Domestic Abuse Protection Orders among the court orders', function () {
      const result = validate(
        withField(aReferralInput(), 'risk.courtOrderKinds', 'domestic-abuse-protection-order'),
      );
      assert.ok(result.ok);
      assert.deepEqual(result.referral.risk.courtOrderKinds, ['domestic-abuse-protection-order']);
    });

    it('needs the safety routes confirmed when a high-risk sign is ticked, and says why', function () {
      const errors = errorsOf(
        withField(aReferralInput(), 'risk.safetyRoutesConsidered', undefined, { remove: true }),
      );
      assert.deepEqual(Object.keys(errors), ['risk.safetyRoutesConsidered']);
      assert.match(errors['risk.safetyRoutesConsidered'] ?? '', /999/);
      assert.match(errors['risk.safetyRoutesConsidered'] ?? '', /does not replace/);
    });

    it("needs the social worker's name when there is a plan, and the language when an interpreter is needed", function () {
      let input = withField(aReferralInput(), 'household.socialWorker', undefined, {
        remove: true,
      });
      input = withField(input, 'father.interpreterNeeded', 'yes');
      input = withField(input, 'father.language', '');
      const errors = errorsOf(input);
      assert.deepEqual(Object.keys(errors).sort(), [
        'father.language',
        'household.socialWorker.name',
      ]);
    });

    it('refuses a date of birth in the future or one that is not a real date', function () {
      assert.deepEqual(
        Object.keys(errorsOf(withField(aReferralInput(), 'father.dateOfBirth', '2030-01-01'))),
        ['father.dateOfBirth'],
      );
      assert.deepEqual(
        Object.keys(errorsOf(withField(aReferralInput(), 'father.dateOfBirth', '1990-02-30'))),
        ['father.dateOfBirth'],
      );
    });

    it('shows cross-field problems together with the others, all at once', function () {
      let input = withField(aReferralInput(), 'consent', { basis: 'declined' });
      input = withField(input, 'father.phone', 'not a number');
      const errors = errorsOf(input);
      assert.deepEqual(Object.keys(errors).sort(), ['consent.whatHeKnows', 'father.phone']);
    });
  });

  describe('bad input, property-based', function () {
    it('never throws, whatever it is given, and every message is plain text', function () {
      fc.assert(
        fc.property(fc.anything(), (input) => {
          const result = validate(input);
          if (result.ok) return;
          const messages = Object.values(result.errors);
          assert.ok(messages.length > 0);
          for (const message of messages) {
            assert.equal(typeof message, 'string');
            assert.ok(message.length > 0 && message.length < 300);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('never throws on a referral with random sections replaced by anything', function () {
      const sections = referralSectionNames;
      fc.assert(
        fc.property(fc.constantFrom(...sections), fc.anything(), (section, value) => {
          const result = validate(withField(aReferralInput(), section, value));
          if (!result.ok) assert.ok(Object.keys(result.errors).every((k) => k.startsWith(section)));
        }),
        { numRuns: 300 },
      );
    });

    it('reports a wrong type on exactly the field that has it', function () {
      fc.assert(
        fc.property(fc.constantFrom(...allLeafFields), wrongType, (field, value) => {
          const errors = errorsOf(withField(aReferralInput(), field, value));
          assert.deepEqual(Object.keys(errors), [field]);
        }),
        { numRuns: 400 },
      );
    });

    it('reports a missing required field on that field, telling what to enter or choose', function () {
      fc.assert(
        fc.property(fc.constantFrom(...requiredFields), (field) => {
          const errors = errorsOf(withField(aReferralInput(), field, undefined, { remove: true }));
          assert.deepEqual(Object.keys(errors), [field]);
          assert.match(errors[field] ?? '', /^(Enter|Choose|Say|Confirm)\b/);
        }),
        { numRuns: requiredFields.length * 3 },
      );
    });

    it('refuses a 100 kB string in any field, on that field, without echoing it', function () {
      fc.assert(
        fc.property(
          fc.constantFrom(...allLeafFields),
          fc.constantFrom('a', 'Z', ' ', 'é', '<', '$'),
          (field, unit) => {
            const huge = `MARK${unit.repeat(100 * 1024)}`;
            const errors = errorsOf(withField(aReferralInput(), field, huge));
            assert.deepEqual(Object.keys(errors), [field]);
            assert.ok(!(errors[field] ?? '').includes('MARK'));
          },
        ),
        { numRuns: 120 },
      );
    });

    it('names the limit for free text that is too long', function () {
      const errors = errorsOf(
        withField(aReferralInput(), 'concerns.recentIncidents', 'x'.repeat(4001)),
      );
      assert.equal(
        errors['concerns.recentIncidents'],
        'What has happened recently must be 4000 characters or fewer.',
      );
    });

    it('keeps template expressions and markup in free text exactly as given (they are data)', function () {
      fc.assert(
        fc.property(fc.constantFrom(...freeTextFields), hostileText, (field, text) => {
          const result = validate(withField(aReferralInput(), field, text));
          assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
          assert.equal(valueAt(result.referral, field), text);
        }),
        { numRuns: 300 },
      );
    });

    it('refuses template expressions and markup in formatted fields, on that field, without echoing them', function () {
      const structured = [...formattedTextFields, ...choiceFields, ...multiChoiceFields];
      // Quotes and semicolons are fine in a job title; what matters is markup, templates and links.
      const markup = hostileSnippets.filter((s) => /[<>{}[\]$\u202E]/.test(s));
      fc.assert(
        fc.property(
          fc.constantFrom(...structured),
          fc.constantFrom(...markup),
          (field, snippet) => {
            const errors = errorsOf(withField(aReferralInput(), field, `${snippet}MARK`));
            assert.deepEqual(Object.keys(errors), [field]);
            assert.ok(!(errors[field] ?? '').includes('MARK'));
            assert.ok(!(errors[field] ?? '').includes(snippet));
          },
        ),
        { numRuns: 400 },
      );
    });

    it('refuses control characters in free text', function () {
      const errors = errorsOf(withField(aReferralInput(), 'notes.doNot', 'call\u0000me'));
      assert.deepEqual(Object.keys(errors), ['notes.doNot']);
    });
  });

  describe('one step at a time', function () {
    it('checks a single section with full field paths, cross-field rules included', function () {
      const result = validateReferralSection('consent', { basis: 'declined' }, { now });
      assert.equal(result.ok, false);
      assert.deepEqual(Object.keys(result.ok ? {} : result.errors), ['consent.whatHeKnows']);

      const father = validateReferralSection('father', aReferralInput().father, { now });
      assert.ok(father.ok);
    });

    it('never throws on any section input', function () {
      fc.assert(
        fc.property(
          fc.constantFrom(
            'referrer',
            'father',
            'household',
            'risk',
            'sharing',
            'consent',
          ) as fc.Arbitrary<'referrer'>,
          fc.anything(),
          (name, value) => {
            validateReferralSection(name, value, { now });
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
