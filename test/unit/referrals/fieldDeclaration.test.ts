import { strict as assert } from 'node:assert';
import path from 'node:path';
import { CardCatalog } from '../../../src/bot/cards/cardCatalog';
import type { DeclaredField, LeafSpec } from '../../../src/referrals/schema/declaration';
import { countsOf } from '../../../src/referrals/form/draft';
import { formSteps } from '../../../src/referrals/form/formDefinition';
import { referralInput } from '../../../src/referrals/form/formValues';
import { reviewView } from '../../../src/referrals/form/reviewView';
import { itemView, stepView } from '../../../src/referrals/form/stepView';
import {
  freeTextPaths,
  groupItemFields,
  referralFields,
  referralGroups,
} from '../../../src/referrals/schema/referralFields';
import { validateReferral } from '../../../src/referrals/schema/validateReferral';
import { wireBody } from '../../../src/referrals/schema/wire';
import { genericLocalContacts } from '../../../src/tenants/localContacts';
import { textsOf } from '../../support/botHarness';
import { inputsOf } from '../../support/referrals/formHarness';
import { aReferralInput, withField } from '../../support/referrals/referralBuilders';
import { valueAt } from '../../support/referrals/referralFields';
import { aFullDraft } from './form/cardSamples';

const catalog = CardCatalog.load(path.resolve('cards'));
const now = new Date('2026-11-23T10:00:00Z');

/** A valid answer for a field, as a card sends it, and as the partnership receives it. */
function sample(spec: LeafSpec): { card: string; sent: unknown } {
  const first = spec.options?.[0]?.value ?? '';
  switch (spec.kind) {
    case 'name':
      return { card: 'Ruth Example', sent: 'Ruth Example' };
    case 'email':
      return { card: 'r@example.org', sent: 'r@example.org' };
    case 'phone':
      return { card: '01632 960 555', sent: '01632 960 555' };
    case 'postcode':
      return { card: 'ZZ9 9ZZ', sent: 'ZZ9 9ZZ' };
    case 'date':
      return { card: '1991-05-06', sent: '1991-05-06' };
    case 'number':
      return { card: String(spec.max), sent: spec.max };
    case 'choice':
    case 'confirm':
      return { card: first, sent: first };
    case 'choices':
      return { card: first, sent: [first] };
    default:
      return { card: 'Given 123', sent: 'Given 123' };
  }
}

const childFieldsOf = referralGroups.flatMap((g) => groupItemFields(g, 0));
const every: readonly DeclaredField[] = [...referralFields, ...childFieldsOf];

/** Every declared field answered (the other answers as in the example referral). */
function everyFieldAnswered(): Record<string, string> {
  const values = { ...aFullDraft().values };
  for (const f of every) values[f.path] = sample(f.spec).card;
  return values;
}

describe('the field declaration: every declared field is validated, rendered, reviewed and sent', function () {
  const values = everyFieldAnswered();
  const draft = aFullDraft({ values, childCount: 1, itemCounts: { 'agencies.list': 1 } });

  it('validated: a wrong value for any field is refused on that field', function () {
    for (const f of every) {
      const result = validateReferral(withField(aReferralInput(), f.path, { wrong: true }), {
        now,
      });
      assert.ok(!result.ok, f.path);
      assert.ok(
        Object.hasOwn(result.errors, f.path),
        `${f.path}: ${JSON.stringify(result.errors)}`,
      );
    }
  });

  it('rendered: each field is an input on its step’s card (an item’s on the item’s card), showing its answer', function () {
    const onCards: Record<string, unknown> = {};
    for (const step of formSteps) {
      const view = stepView(step, { ...draft, place: step.id }, {}, genericLocalContacts);
      Object.assign(onCards, inputsOf(catalog.renderView(view)));
      for (const group of step.groups) {
        const open = { ...draft, place: step.id, openChild: 0, openGroup: group.path };
        Object.assign(onCards, inputsOf(catalog.renderView(itemView(open, group, 0, {}))));
      }
    }
    for (const f of every) assert.equal(onCards[f.path], values[f.path], f.path);
  });

  it('reviewed: each field has its line on the review (an item’s answers on the item’s line)', function () {
    const texts = textsOf(catalog.renderView(reviewView(draft, values, {}, genericLocalContacts)));
    for (const f of referralFields) {
      const label = f.spec.reviewLabel ?? f.spec.label;
      assert.ok(texts.includes(`${label}: `), `${f.path} (${label}) is on the review`);
    }
    assert.ok(texts.includes('Child 1: '));
    // Another group's line holds every answer of each item, as a person reads it.
    const rowLine = texts.find((t) => t.startsWith('Agency 1: ')) ?? '';
    for (const g of referralGroups.filter((group) => group.path !== 'household.children')) {
      for (const f of groupItemFields(g, 0)) {
        const shown = f.spec.options?.find((o) => o.value === values[f.path])?.title;
        assert.ok(rowLine.includes(shown ?? values[f.path] ?? '?'), `${f.path} on "${rowLine}"`);
      }
    }
  });

  it('sent: each answer reaches the partnership’s body at its path', function () {
    const checked = validateReferral(referralInput(values, countsOf(draft)), { now });
    assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.errors));
    const body = JSON.parse(
      wireBody({
        referralId: '8f0c3f5e-1b7a-4c55-9a43-6f2d0f7d2a11',
        submittedAt: now.toISOString(),
        referral: checked.referral,
      }),
    ) as { referral: unknown };
    for (const f of every)
      assert.deepEqual(valueAt(body.referral, f.path), sample(f.spec).sent, f.path);
  });

  it('says how to refer her, with the council’s own victim service, where no victim service supports her', function () {
    const step = formSteps.find((s) => s.id === 'partnerNotes');
    assert.ok(step);
    const contacts = {
      ...genericLocalContacts,
      victimServiceName: 'Example Women’s Aid',
      victimServicePhone: '01632 960 777',
    };
    const card = catalog.renderView(stepView(step, { ...draft, place: step.id }, {}, contacts));
    const texts = textsOf(card).join('\n');
    assert.match(texts, /Refer her to Example Women’s Aid \(01632 960 777\)/);
    assert.doesNotMatch(JSON.stringify(card), /\{\{/);
  });

  it('lists the free-text fields for the safety net from the declaration', function () {
    const paths = freeTextPaths();
    assert.ok(paths.includes('concerns.recentIncidents'));
    assert.ok(paths.includes('concerns.notToShare'));
    assert.ok(!paths.includes('risk.crimeReference'), 'a formatted code is not free text');
    for (const f of referralFields) assert.equal(paths.includes(f.path), f.spec.freeText, f.path);
  });
});
