/**
 * Every card the bot can show, rendered by the real catalogue from the engines' own view builders:
 * every step of both walk-throughs (running and paused), summaries, stale cards, each safety
 * category, the welcome card with and without a walk-through to carry on, every wording phrasing,
 * every refresher quiz (asked and answered) and the referral form's cards.
 */
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
import { loadQuizzes } from '../../../src/content/nudges/loadQuizzes';
import { quizFor } from '../../../src/nudges/refresherCards';
import { quizAnsweredView, quizView } from '../../../src/nudges/quizzes/views';
import { aQuizNudge } from '../../support/nudges/quizBuilders';

/** Every local detail set, each obviously fake. */
export const fullContacts: LocalContacts = {
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
export async function everyCard(
  contacts: LocalContacts,
): Promise<Array<{ name: string; card: object }>> {
  const catalog = cardCatalog();
  return (await everyCardData(contacts)).map(({ name, data }) => ({
    name,
    card: catalog.renderAny(name, data),
  }));
}

/** The template name and data of every card the bot can show, with these contacts. */
export async function everyCardData(
  contacts: LocalContacts,
): Promise<Array<{ name: string; data: object }>> {
  const out: Array<{ name: string; data: object }> = [];
  const add = (name: string, data: object) => out.push({ name, data });
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
  // Every quiz as it arrives and once answered, each reply chosen, with these contacts.
  const quizzes = loadQuizzes();
  const quizNudge = aQuizNudge();
  for (const { id } of quizzes.quizzes) {
    const quiz = quizFor(quizzes, id, contacts)!;
    addView(quizView(quiz, quizNudge));
    for (const reply of quiz.replies) addView(quizAnsweredView(quiz, reply.id, 'recorded'));
  }
  if (contacts === genericLocalContacts) {
    for (const [name, samples] of Object.entries(referralCardSamples()))
      for (const sample of samples) add(name, sample);
  }
  return out;
}
