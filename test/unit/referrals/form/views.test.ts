import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import { CardCatalog } from '../../../../src/bot/cards/cardCatalog';
import type { ReferralSummary } from '../../../../src/referrals';
import {
  fieldsOf,
  formSteps,
  type ItemCounts,
} from '../../../../src/referrals/form/formDefinition';
import { receiptView } from '../../../../src/referrals/receipt/receiptView';
import { fitToBudget, reviewView } from '../../../../src/referrals/form/reviewView';
import { childView, stepView } from '../../../../src/referrals/form/stepView';
import type { ReferralCardView } from '../../../../src/referrals/form/views';
import { genericLocalContacts } from '../../../../src/tenants/localContacts';
import { assertValidCard, problemsOf } from '../../../support/adaptiveCards';
import { textsOf } from '../../../support/botHarness';
import { aFullDraft, referralCardSamples } from './cardSamples';

const catalog = CardCatalog.load(path.resolve('cards'));
const render = (view: ReferralCardView) => catalog.renderView(view);
const bytes = (card: object) => Buffer.byteLength(JSON.stringify(card));

/** Every field at its longest, in characters that cost the most bytes once in a card. */
function worstValues(counts: ItemCounts): Record<string, string> {
  const values: Record<string, string> = {};
  for (const step of formSteps) {
    for (const f of fieldsOf(step, counts)) {
      const heavy = '"中'.repeat(Math.ceil((f.maxLength ?? 10) / 2)).slice(0, f.maxLength ?? 10);
      values[f.path] =
        f.kind === 'choice' || f.kind === 'radio'
          ? f.choices![f.choices!.length - 1]!.value
          : f.kind === 'multi'
            ? f.choices!.map((c) => c.value).join(',')
            : f.kind === 'number'
              ? '17'
              : f.kind === 'toggle'
                ? 'yes'
                : heavy;
    }
  }
  return values;
}

describe('referral card views', () => {
  it('the fixtures are what the view builders make (rerun cardSamples.ts after changing a view)', () => {
    const samples = referralCardSamples();
    for (const [card, list] of Object.entries(samples)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fixture = require(
        path.resolve('test/fixtures/card-samples', `${card}.json`),
      ) as unknown;
      assert.deepEqual(fixture, JSON.parse(JSON.stringify(list)), card);
    }
  });

  it('stays well under Teams’ card size at its largest: every field full, 12 children, 6 agencies, every field in error', () => {
    const values = worstValues({ 'household.children': 12, 'agencies.list': 6 });
    const errors = Object.fromEntries(
      Object.keys(values).map((p) => [
        p,
        'Choose one of the listed options for who has parental responsibility.',
      ]),
    );
    const draft = aFullDraft({ childCount: 12, itemCounts: { 'agencies.list': 6 }, values });
    const views: ReferralCardView[] = [
      ...formSteps.map((s) => stepView(s, { ...draft, place: s.id }, errors, genericLocalContacts)),
      childView({ ...draft, place: 'household', openChild: 11 }, 11, errors),
      reviewView(draft, values, errors, genericLocalContacts),
      reviewView(draft, values, {}, genericLocalContacts),
    ];
    for (const view of views) {
      const card = render(view);
      assertValidCard(card, view.card);
      assert.ok(
        bytes(card) < 22 * 1024,
        `${view.card} ${JSON.stringify(textsOf(card)[2])} is ${bytes(card)} bytes`,
      );
      assert.deepEqual(problemsOf(card), []);
    }
  });

  it('shows typed text literally on the review: ${...} unevaluated, markdown and markup as plain text runs', () => {
    const draft = aFullDraft();
    const values = {
      ...draft.values,
      'concerns.recentIncidents':
        '${1+1} [click](https://evil.example) **x** <script>alert(1)</script>',
    };
    const card = render(reviewView({ ...draft, values }, values, {}, genericLocalContacts));
    const json = JSON.stringify(card);
    assert.ok(
      json.includes(
        '"text":"${1+1} [click](https://evil.example) **x** <script>alert(1)</script>"',
      ),
    );
    const runs: Array<Record<string, unknown>> = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const r = n as Record<string, unknown>;
        if (r.type === 'TextBlock' && typeof r.text === 'string') runs.push(r);
        Object.values(r).forEach(walk);
      }
    };
    walk(card);
    assert.ok(
      !runs.some((r) => String(r.text).includes('evil.example')),
      'never in a markdown TextBlock',
    );
  });

  it('the review shortens only what it must, marking it; the whole text is still what is sent', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            label: fc.constant('L'),
            value: fc.string({ unit: 'binary', maxLength: 3000 }),
            error: fc.constant(''),
          }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 1000, max: 20000 }),
        (rows, budget) => {
          const fitted = fitToBudget(rows, budget);
          const size = (s: string) => Buffer.byteLength(JSON.stringify(s)) - 2;
          const total = fitted.reduce((n, r) => n + size(r.value), 0);
          const floor = Math.max(40, Math.min(200, Math.floor(budget / Math.max(1, rows.length))));
          assert.ok(
            total <= budget || fitted.every((r) => size(r.value) <= floor + 60),
            `${total} > ${budget}`,
          );
          fitted.forEach((r, i) => {
            if (r.value !== rows[i]!.value) assert.match(r.value, / …$/);
          });
        },
      ),
    );
  });

  describe('receipts carry no personal data, in the title or anywhere', () => {
    const summary: ReferralSummary = {
      referralId: '3f2a9c1b-8d7e-4c6b-9a5f-0e1d2c3b4a59',
      tenantId: 't',
      referrerId: 'referrer-1',
      status: 'queued',
      submittedAt: '2026-11-23T10:00:00.000Z',
      statusChangedAt: '2026-11-23T10:00:00.000Z',
      attempts: 0,
    };
    for (const status of ['queued', 'sent', 'rejected', 'failed'] as const) {
      it(status, () => {
        const card = render(
          receiptView({ ...summary, status, reference: 'DPP-1' }, genericLocalContacts),
        );
        const texts = textsOf(card);
        assert.equal(texts[0], 'Referral receipt');
        assert.match(texts.join('\n'), /3F2A9C1B/);
        assert.match(texts.join('\n'), /23 Nov 2026, 10:00/);
        assert.ok(!JSON.stringify(card).includes(summary.referrerId + '"'));
        assert.deepEqual(problemsOf(card), []);
      });
    }
  });
});
