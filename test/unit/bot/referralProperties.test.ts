import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DeliveryWorker } from '../../../src/referrals/delivery/deliveryWorker';
import { childFields, formSteps, type StepId } from '../../../src/referrals/form/formDefinition';
import { referralVerbs } from '../../../src/referrals/form';
import { maxCardBytes, problemsOf } from '../../support/adaptiveCards';
import { textsOf } from '../../support/botHarness';
import { ScriptedPartnership } from '../../support/referrals/deliveryFakes';
import { answers, nextWith } from '../../support/referrals/formAnswers';
import { aReferralHarness, inputIdsOf, inputsOf } from '../../support/referrals/formHarness';

/**
 * Bad input, as a tampered or broken client could send it, at every step: wrong types, missing
 * fields, 100 kB strings, template expressions, markup and script. Whatever is sent, the card
 * that comes back is a valid, small Adaptive Card with plain per-field messages, what was typed
 * is kept as literal text, and nothing is stored as a referral or sent.
 */

const runs = Number(process.env.REFERRAL_PROPERTY_RUNS ?? 30);
const hugeString = 'x'.repeat(100 * 1024);

const nasty = [
  '${1+1}',
  '${$root.title}',
  "${if(true, 'a', 'b')}",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click me](https://evil.example)',
  '**bold** _it_',
  '\u202Eevil',
  'a\u0000b',
  '   ',
  '',
];

function hostileValue(valid: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.constant(valid), weight: 4 },
    { arbitrary: fc.constant(undefined), weight: 2 },
    { arbitrary: fc.constantFrom(...nasty), weight: 3 },
    { arbitrary: fc.constant(hugeString), weight: 1 },
    { arbitrary: fc.string({ maxLength: 30 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 1 },
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  );
}

/** A submission for a card: any subset of its inputs, each valid or hostile. */
function submissionFor(valid: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(Object.entries(valid).map(([id, v]) => [id, hostileValue(v)]));
  return fc
    .record(model, { requiredKeys: [] })
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
}

const progressOf = (text: string) =>
  /Step \d of 7[^\n]*|Child \d+|Check your answers before sending/.exec(text)?.[0];

const stepAnswers: Record<StepId, Record<string, unknown>> = {
  referrer: {
    'referrer.name': 'Alex Example',
    'referrer.email': 'alex.example@council.example.org',
    ...answers.referrer,
  },
  father: answers.father,
  household: answers.household,
  concerns: answers.concerns,
  risk: { ...answers.risk, 'risk.safetyRoutesConsidered': '' },
  agenciesConsent: { ...answers.agenciesConsent, 'consent.whatHeKnows': '' },
  partnerNotes: answers.partnerNotes,
};

async function harnessAt(step: StepId) {
  const h = aReferralHarness();
  await h.user.say('refer');
  for (const s of formSteps) {
    if (s.id === step) break;
    await nextWith(h.user, stepAnswers[s.id], /Step \d of 7|Check your answers/);
  }
  return h;
}

/** Checks one answer card against what was sent; returns whether the user is still on it. */
function checkCard(
  card: Record<string, unknown>,
  sent: Record<string, unknown>,
  valid: Record<string, unknown>,
  onCard: readonly string[],
  errors: Record<string, string>,
) {
  assert.deepEqual(problemsOf(card), []);
  const json = JSON.stringify(card);
  assert.ok(Buffer.byteLength(json) < maxCardBytes, `card is ${Buffer.byteLength(json)} bytes`);
  const kept = inputsOf(card);
  // A toggle shows ticked or not; what it sends back is its own valueOn / valueOff.
  const toggles = new Set(JSON.stringify(card).match(/"type":"Input\.Toggle","id":"[^"]+"/g) ?? []);
  const isToggle = (id: string) => toggles.has(`"type":"Input.Toggle","id":"${id}"`);
  for (const [id, value] of Object.entries(sent)) {
    if (!onCard.includes(id) || typeof value !== 'string' || !(id in kept) || isToggle(id))
      continue;
    // Text is kept literally (never evaluated): `${1+1}` stays `${1+1}`, markup stays markup.
    const hasControls = [...value].some((c) => c.charCodeAt(0) < 0x20);
    if (value.length <= 100 && !hasControls && kept[id] !== '' && value.trim() !== '') {
      assert.ok(
        value.startsWith(String(kept[id])) || kept[id] === value,
        `${id} came back as ${String(kept[id])}`,
      );
    }
  }
  for (const message of Object.values(errors)) {
    for (const [id, value] of Object.entries(sent)) {
      if (typeof value === 'string' && value !== valid[id] && value.trim().length >= 8) {
        assert.ok(!message.includes(value), 'an error message quotes the input');
      }
    }
  }
  assert.ok(!textsOf(card).some((t) => t === '2'), 'nothing was evaluated');
}

describe('referral form: property-based bad input at every step', function () {
  this.timeout(120_000);

  for (const step of formSteps) {
    it(`${step.title}: any submission gets a valid card with plain per-field errors; nothing stored or sent`, async () => {
      const h = await harnessAt(step.id);
      const here = progressOf(h.user.text());
      const onCard = inputIdsOf(h.user.card);
      const valid = Object.fromEntries(onCard.map((id) => [id, stepAnswers[step.id][id] ?? '']));
      await fc.assert(
        fc.asyncProperty(submissionFor(valid), async (submission) => {
          const next = h.user.button(/^(Next|Check your answers)$/);
          const card = await h.user.send(referralVerbs.next, { ...next.data, ...submission });
          const errors = h.user.errors();
          checkCard(card, submission, valid, onCard, errors);
          const now = progressOf(h.user.text());
          if (now === here) {
            const summary = /(One answer|(\d+) answers) need/.exec(h.user.text());
            const count = Object.keys(errors).length;
            if (count > 0) assert.ok(summary, 'errors are summed up at the top');
            for (const id of Object.keys(errors))
              assert.ok(onCard.includes(id), `error for ${id} beside no input`);
          } else {
            await h.user.press('Back');
            assert.equal(progressOf(h.user.text()), here);
          }
          assert.deepEqual(await h.counts(), { referrals: 0, outbox: 0 });
        }),
        { numRuns: runs },
      );
      const partnership = new ScriptedPartnership();
      const worker = new DeliveryWorker({
        stores: h.deps.stores,
        client: partnership,
        clock: h.clock,
        logger: h.logs.logger,
      });
      await worker.runOnce();
      assert.equal(partnership.requests.length, 0, 'nothing was sent');
    });
  }

  it('a child’s card: any submission is checked beside its four inputs; nothing stored', async () => {
    const h = await harnessAt('household');
    await h.user.press('Add a child');
    const valid = answers.child(0);
    const onCard = childFields(0).map((f) => f.path);
    await fc.assert(
      fc.asyncProperty(submissionFor(valid), async (submission) => {
        const save = h.user.button('Save this child');
        const card = await h.user.send(referralVerbs.saveChild, { ...save.data, ...submission });
        checkCard(card, submission, valid, onCard, h.user.errors());
        const saved = !h.user.buttons().some((b) => b.title === 'Save this child');
        if (saved) await h.user.press('Change child 1');
        for (const id of Object.keys(h.user.errors())) assert.ok(onCard.includes(id));
        assert.deepEqual(await h.counts(), { referrals: 0, outbox: 0 });
      }),
      { numRuns: runs },
    );
  });

  it('any data at all on any referral verb gets a card, never a crash, and stores nothing', async () => {
    const h = await harnessAt('father');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.values(referralVerbs)),
        fc.anything(),
        async (verb, data) => {
          const card = await h.user.send(verb, data);
          assert.deepEqual(problemsOf(card), []);
          assert.ok(textsOf(card).length > 0);
          assert.deepEqual(await h.counts(), { referrals: 0, outbox: 0 });
        },
      ),
      { numRuns: runs * 2 },
    );
  });
});
