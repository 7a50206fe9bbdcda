import type { CoachingPack } from '../content/coaching/coachingPack';
import type { FactId, StepContent } from '../content/coaching/schema';
import { coachingPrefillUsed } from '../referrals/form/formValues';
import { fillLocalDetails, type LocalContacts } from '../tenants/localContacts';
import { coachingVerbs, linkedVerbs, newMessageFlag } from './actions';
import type { CoachingSession } from './session';
import { findAnswer } from './stepView';
import type {
  CardAction,
  CoachingReferralPrefill,
  CoachingSummaryCardData,
  SummarySection,
} from './views';

/** Facts that mean a referral to the behaviour-change service is the natural next step. */
const referralFacts: readonly FactId[] = ['open-to-help', 'consent-given', 'share-without-consent'];

interface Gathered {
  readonly coveredStages: Set<number>;
  readonly said: string[];
  readonly notes: string[];
  readonly riskNotes: string[];
  readonly actions: string[];
  readonly categories: Set<string>;
  /** The typed words each raised category reacted to (notes and chat), for "risks noted". */
  readonly words: Map<string, Set<string>>;
  readonly facts: Set<FactId>;
}

/** Walks the path once and collects what the summary needs, in the order it happened. */
function gather(pack: CoachingPack, session: CoachingSession): Gathered {
  const mode = pack.modes[session.mode];
  const out: Gathered = {
    coveredStages: new Set(),
    said: [],
    notes: [],
    riskNotes: [],
    actions: [],
    categories: new Set(),
    words: new Map(),
    facts: new Set(),
  };
  const typed = (category: string, words: string) => {
    out.categories.add(category);
    const set = out.words.get(category) ?? new Set<string>();
    out.words.set(category, set.add(words));
  };
  const addAnswer = (step: StepContent, answerId: string | undefined) => {
    const answer = findAnswer(step, answerId);
    if (answer === undefined) return;
    if (answer.record !== undefined) out.said.push(answer.record);
    if (answer.riskNote !== undefined) out.riskNotes.push(answer.riskNote);
    if (answer.action !== undefined) out.actions.push(answer.action);
    if (answer.trigger !== undefined) out.categories.add(answer.trigger);
    answer.facts?.forEach((f) => out.facts.add(f));
  };
  for (const entry of session.path) {
    entry.safety.forEach((c) => out.categories.add(c));
    if (entry.note !== undefined) out.notes.push(entry.note);
    for (const f of pack.safety.check(entry.note ?? '')) typed(f.id, f.words.join(' '));
    const step = mode.stepsById.get(entry.stepId);
    if (step === undefined) continue;
    if (entry.via !== 'skip') {
      out.coveredStages.add(step.stage);
      if (step.action !== undefined) out.actions.push(step.action);
    }
    for (const id of [entry.answerId, ...(entry.whatIfs ?? [])]) addAnswer(step, id);
  }
  // "What if…" guidance looked at on a step left by Back and not come back to.
  for (const [stepId, ids] of Object.entries(session.draft?.whatIfs ?? {})) {
    const step = mode.stepsById.get(stepId);
    if (step !== undefined) ids.forEach((id) => addAnswer(step, id));
  }
  // Notes kept from steps left by Back and never finished, and danger typed in the chat.
  for (const note of Object.values(session.pending ?? {})) {
    out.notes.push(note);
    for (const f of pack.safety.check(note)) typed(f.id, f.words.join(' '));
  }
  for (const risk of session.typedRisks ?? []) typed(risk.category, risk.words);
  return out;
}

const unique = (items: readonly string[]): string[] => [...new Set(items)];

/** The record-and-reflect summary: what was covered, what he said, risks, actions, referral. */
export function buildSummary(
  pack: CoachingPack,
  session: CoachingSession,
  contacts: LocalContacts,
): CoachingSummaryCardData {
  const mode = pack.modes[session.mode];
  const words = pack.shared.summary;
  const fill = (text: string) => fillLocalDetails(text, contacts);
  const found = gather(pack, session);

  const raised = pack.safety.categoryIds.filter((id) => found.categories.has(id));
  const raisedContent = raised.flatMap((id) => pack.safety.category(id) ?? []);
  const riskActions = [
    ...(raisedContent.some((c) => c.childConcern) ? [words.riskActions.childConcern] : []),
    ...(raisedContent.some((c) => c.highRisk) ? [words.riskActions.highRisk] : []),
    ...(raisedContent.length > 0 ? [words.riskActions.adviceLead] : []),
  ];
  const stages = mode.stageNames.map((name, i) => ({
    name,
    covered: found.coveredStages.has(i + 1),
  }));

  const sections: SummarySection[] = [
    { heading: words.covered, items: stages.filter((s) => s.covered).map((s) => s.name) },
    { heading: words.skipped, items: stages.filter((s) => !s.covered).map((s) => s.name) },
    { heading: mode.labels.summarySaid, items: unique(found.said) },
    { heading: words.notes, items: found.notes },
    {
      heading: words.risks,
      items: unique([
        ...found.riskNotes,
        ...raised.flatMap((id) => {
          const label = pack.safety.category(id)?.label;
          if (label === undefined) return [];
          const words = [...(found.words.get(id) ?? [])].map((w) => `“${w}”`);
          return [words.length > 0 ? `${label} (you typed ${words.join(', ')})` : label];
        }),
      ]),
    },
    { heading: words.actions, items: unique([...riskActions, ...found.actions]) },
  ].map((s) => ({ heading: s.heading, items: s.items.map(fill) }));

  const facts = [...found.facts];
  const prefill: CoachingReferralPrefill = {
    source: 'coaching',
    mode: session.mode,
    packVersion: session.packVersion,
    riskIndicators: raised,
    facts,
    childConcern: raisedContent.some((c) => c.childConcern),
  };
  const suggested = facts.some((f) => referralFacts.includes(f));
  const at = { revision: session.revision, stepId: session.stepId };
  const actions: CardAction[] = [
    // The summary is a record: the form opens below it rather than in its place.
    {
      title: words.makeReferral,
      verb: linkedVerbs.referral,
      data: { ...referralPrefillData(prefill), [newMessageFlag]: true },
    },
    { title: words.backToLastStep, verb: coachingVerbs.back, data: at },
    { title: words.startAgain, verb: coachingVerbs.start, data: { mode: session.mode } },
  ];

  return {
    title: words.title,
    modeTitle: mode.title,
    intro: fill(endedAtStop(pack, session) ? `${notAskedIntro} ${words.intro}` : words.intro),
    sections: sections.map((s) => (s.items.length > 0 ? s : { ...s, items: [words.none] })),
    copyLabel: pack.shared.cardLabels.copy,
    copyText: copyText(mode.title, sections, words.none),
    referralSuggested: suggested,
    referralText: `${fill(suggested ? words.referralSuggested : words.referralOptional)} ${carriedOver(pack, prefill)}`,
    referralPrefill: prefill,
    confidenceLabel: pack.shared.cardLabels.confidence,
    confidenceIntro: pack.shared.confidence.intro,
    // The check-in is its own card, opened below the summary: answered once, it turns into a
    // thank-you in place while the summary stays as it is.
    confidenceOffer: {
      title: pack.shared.confidence.offer,
      verb: linkedVerbs.askConfidence,
      data: { moment: 'after-walkthrough', [newMessageFlag]: true },
    },
    actions,
    revision: session.revision,
  };
}

/**
 * What the referral form fills in from the walk-through, exactly (referrals/form/formValues.ts
 * `valuesFromCoaching` is the other side): the risk signs raised, and his answers that have a
 * place on the form. Notes and his words are never carried over.
 */
const factsOnTheForm: Partial<Record<FactId, string>> = {
  denied: 'he denied it',
  minimised: 'he minimised it',
  blamed: 'he blamed others',
  'interpreter-needed': 'an interpreter is needed',
  separating: 'they are separating or separated',
  'consent-given': 'he consented',
  'consent-declined': 'he declined consent',
  'share-without-consent': 'sharing without his consent',
};

function carriedOver(pack: CoachingPack, prefill: CoachingReferralPrefill): string {
  const risks = prefill.riskIndicators
    .filter((id) => coachingPrefillUsed.riskIndicators.has(id))
    .flatMap((id) => pack.safety.category(id)?.label ?? []);
  const facts = prefill.facts
    .filter((f) => coachingPrefillUsed.facts.has(f))
    .flatMap((f) => factsOnTheForm[f] ?? []);
  const parts = [
    ...(risks.length > 0 ? [`the risk signs raised (${risks.join('; ')})`] : []),
    ...(facts.length > 0 ? [`what you chose about him (${facts.join('; ')})`] : []),
  ];
  const carried =
    parts.length > 0
      ? `The form starts with ${parts.join(' and ')}, for you to check.`
      : 'The form starts empty: nothing from this walk-through is filled in.';
  return `${carried} Your notes and his words are not carried over.`;
}

const notAskedIntro =
  'You decided not to ask this time. What to do instead is under Actions, and this is not the end: you can prepare again when it is safe.';

/** Whether the walk-through ended at a "do not ask now" step. */
function endedAtStop(pack: CoachingPack, session: CoachingSession): boolean {
  const last = session.path[session.path.length - 1];
  const step = last && pack.modes[session.mode].stepsById.get(last.stepId);
  return session.mode === 'prepare' && step?.tone === 'stop';
}

/** The prefill flattened into card action data (strings and booleans only, lists comma-joined). */
export function referralPrefillData(
  prefill: CoachingReferralPrefill,
): Record<string, string | boolean> {
  return {
    from: prefill.source,
    mode: prefill.mode,
    packVersion: prefill.packVersion,
    riskIndicators: prefill.riskIndicators.join(','),
    facts: prefill.facts.join(','),
    childConcern: prefill.childConcern,
  };
}

function copyText(title: string, sections: readonly SummarySection[], none: string): string {
  const blocks = sections.map((s) => {
    const items = s.items.length > 0 ? s.items : [none];
    return [`${s.heading}:`, ...items.map((i) => `- ${i}`)].join('\n');
  });
  return [title, ...blocks].join('\n\n');
}
