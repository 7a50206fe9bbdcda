import assert from 'node:assert/strict';
import { welcomeCardData } from '../../../src/bot/actions/welcomeActions';
import { findResumable } from '../../../src/coaching';
import type { CoachingSession } from '../../../src/coaching/session';
import {
  loadPrincipleSummaries,
  loadWordingLibrary,
} from '../../../src/content/wording/loadLibrary';
import { buildSafetyAlert } from '../../../src/safety/alert';
import { genericLocalContacts, type LocalContacts } from '../../../src/tenants/localContacts';
import { situationsMenuView, situationView } from '../../../src/wording/views';
import { cardCatalog } from '../../support/adaptiveCards';
import { FakeClock, pack, t0, walkthrough } from '../coaching/builders';
import { referralCardSamples } from '../referrals/form/cardSamples';

/** Every local detail set, each obviously fake. */
const fullContacts: LocalContacts = {
  councilName: 'Testshire Council',
  mashName: 'the Testshire MASH',
  mashPhone: '01632 960001',
  outOfHoursPhone: '01632 960002',
  daLeadName: 'the Testshire domestic abuse lead',
  daLeadContact: 'da.lead@testshire.example',
  maracRoute: 'the Testshire MARAC referral form',
  partnershipName: 'Testshire Fathers Project',
  partnershipPhone: '01632 960003',
  victimServiceName: 'Testshire Women’s Aid',
  victimServicePhone: '01632 960004',
  mentalHealthCrisisRoute: 'the Testshire crisis line, 01632 960005',
  loneWorkingRoute: 'the Testshire lone-working procedure',
};

const library = loadWordingLibrary();
const principles = loadPrincipleSummaries();

function aSession(
  mode: 'prepare' | 'debrief',
  stepId: string,
  change: Partial<CoachingSession> = {},
) {
  return {
    schemaVersion: 1,
    packVersion: pack.version,
    mode,
    status: 'active',
    stepId,
    revision: 3,
    startedAt: t0.toISOString(),
    updatedAt: t0.toISOString(),
    expiresAt: new Date(t0.getTime() + 86_400_000).toISOString(),
    path: [],
    ...change,
  } satisfies CoachingSession;
}

/** Every card the bot can show, rendered as the bot renders it, with these contacts. */
async function everyCard(contacts: LocalContacts): Promise<Array<{ name: string; card: object }>> {
  const catalog = cardCatalog();
  const out: Array<{ name: string; card: object }> = [];
  const add = (name: string, data: object) =>
    out.push({ name, card: catalog.renderAny(name, data) });
  const addView = (view: { card: string; data: object }) => add(view.card, view.data);
  for (const mode of ['prepare', 'debrief'] as const) {
    const steps = [...pack.modes[mode].stepsById.values()];
    for (const step of steps) {
      const session = aSession(mode, step.id, {
        path: [{ stepId: step.id, via: 'next', ticked: [], safety: [] }],
      });
      addView(walkthrough.view(session, contacts));
      addView(walkthrough.view({ ...session, status: 'paused' }, contacts));
      // The welcome card mentions the walk-through to carry on, whatever step it is on.
      const sessions = {
        load: async () => ({ etag: '1', session }),
        save: async () => ({ ok: true as const }),
      };
      const resume = await findResumable(
        { sessions, walkthrough, clock: new FakeClock() },
        { tenantId: 't', userId: 'u' },
      );
      add('welcome', welcomeCardData(resume));
    }
    // A summary that has every record, risk note, action and safety category of the mode.
    const path = steps.flatMap((step) =>
      step.answers.map((answer) => ({
        stepId: step.id,
        via: 'answer' as const,
        answerId: answer.id,
        ticked: [],
        note: 'A fake note.',
        safety: [...pack.safety.categoryIds],
      })),
    );
    addView(
      walkthrough.view(aSession(mode, steps[0]!.id, { status: 'completed', path }), contacts),
    );
  }
  for (const reason of ['out-of-date', 'expired', 'not-found'] as const)
    addView(walkthrough.staleView(reason));
  for (const id of pack.safety.categoryIds) {
    const data = buildSafetyAlert(pack.safetyAlert, pack.safety, [id], contacts, {
      words: ['fake words'],
    });
    if (data) add('safety-alert', data);
  }
  add('welcome', welcomeCardData());
  add('wording-situations', situationsMenuView(library));
  for (const situation of library.situations) {
    for (const phrasing of situation.phrasings) {
      addView(
        situationView(library, contacts, principles, {
          situationId: situation.id,
          phrasingId: phrasing.id,
          showWhy: true,
        }),
      );
    }
  }
  if (contacts === genericLocalContacts) {
    for (const [name, samples] of Object.entries(referralCardSamples()))
      for (const sample of samples) add(name, sample);
  }
  return out;
}

/** The words a card shows: text, titles, labels and placeholders, anywhere in it. */
function shownTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => shownTexts(n, out));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && ['text', 'title', 'label', 'placeholder'].includes(key))
        out.push(value);
      else shownTexts(value, out);
    }
  }
  return out;
}

/** Three-word phrases of the local details, generic or set: where a filled detail can repeat. */
const detailPhrases = new Set(
  [...Object.values(genericLocalContacts), ...Object.values(fullContacts)].flatMap((value) => {
    const words = wordsOf(value);
    return words.slice(0, -2).map((_, i) => words.slice(i, i + 3).join(' '));
  }),
);

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z']+/g, ' ')
    .trim()
    .split(' ');
}

/**
 * What reads wrongly in one shown text, as short descriptions. A text counts as a sentence (and
 * so must start with a capital) when it ends like one; labels and values ("To: the partnership")
 * need not.
 */
function problemsIn(text: string): string[] {
  const problems: string[] = [];
  if (/\([^)]*\(/.test(text)) problems.push('brackets inside brackets');
  if (/\)\s*\(/.test(text)) problems.push('brackets after brackets');
  if (/[.?!]\s*[.?]/.test(text.replace(/\.\.\.|…/g, ''))) problems.push('doubled punctuation');
  const sentenceStart = /[.?!]$/.test(text.trim()) ? /(?:^|[.?!]\s+)[a-z]/ : /[.?!]\s+[a-z]/;
  if (sentenceStart.test(text)) problems.push('a sentence starting in lower case');
  for (const sentence of text.split(/(?<=[.?!;:])\s+/)) {
    const words = wordsOf(sentence);
    const seen = new Set<string>();
    for (let i = 0; i + 3 <= words.length; i++) {
      const phrase = words.slice(i, i + 3).join(' ');
      if (seen.has(phrase) && detailPhrases.has(phrase)) problems.push(`"${phrase}" twice`);
      seen.add(phrase);
    }
  }
  return problems;
}

describe('every card reads naturally', () => {
  for (const [which, contacts] of [
    ['with no local contacts set (the generic fallbacks)', genericLocalContacts],
    ['with every local contact set', fullContacts],
  ] as const) {
    it(which, async () => {
      const cards = await everyCard(contacts);
      assert.ok(cards.length > 100, 'every step, summary, safety card and wording card');
      const found = new Set<string>();
      for (const { name, card } of cards) {
        for (const text of shownTexts(card)) {
          for (const problem of problemsIn(text)) found.add(`${name}: ${problem}: ${text}`);
        }
      }
      assert.deepEqual([...found], []);
    });
  }

  it('the checks catch what they are for', () => {
    assert.deepEqual(problemsIn('Talk to your lead (your lead (or manager)).'), [
      'brackets inside brackets',
    ]);
    assert.deepEqual(problemsIn('Contact the MASH (MASH) (the number in your procedures).'), [
      'brackets after brackets',
    ]);
    assert.deepEqual(problemsIn('Step 1: Is it safe to ask?.'), ['doubled punctuation']);
    assert.deepEqual(problemsIn('Call 999 .? Then'), ['doubled punctuation']);
    assert.deepEqual(problemsIn('That matters. the partnership helps.'), [
      'a sentence starting in lower case',
    ]);
    assert.deepEqual(
      problemsIn('Talk to your domestic abuse lead or your manager or your manager.'),
      ['"or your manager" twice'],
    );
    assert.deepEqual(problemsIn('How do you think, and what do you think?'), []);
    assert.deepEqual(problemsIn('To: the partnership'), []);
    assert.deepEqual(problemsIn('Talk to your lead today. Call 999 now.'), []);
  });
});
