import type { CoachingPack, ModePack } from '../content/coaching/coachingPack';
import type {
  CoachingMode,
  QuickAnswerContent,
  StepContent,
  WordingSituationId,
} from '../content/coaching/schema';
import { fillLocalDetails, type LocalContacts } from '../tenants/localContacts';
import { coachingVerbs, linkedVerbs } from './actions';
import { noteMaxLength, type CoachingSession } from './session';
import type { CardAction, CoachingStepCardData, WhatIfPanel } from './views';

/** The step the session is on; a step removed from a newer pack falls back to the first. */
export function currentStep(pack: CoachingPack, session: CoachingSession): StepContent {
  const mode = pack.modes[session.mode];
  return mode.stepsById.get(session.stepId) ?? firstStep(mode);
}

export function firstStep(mode: ModePack): StepContent {
  const step = mode.stepsById.get(mode.firstStep);
  // The loader guarantees firstStep exists; this keeps the types honest without a cast.
  if (step === undefined) throw new Error(`content pack has no first step for ${mode.mode}`);
  return step;
}

export function findAnswer(
  step: StepContent,
  answerId: string | undefined,
): QuickAnswerContent | undefined {
  return answerId === undefined ? undefined : step.answers.find((a) => a.id === answerId);
}

/**
 * A "what if…" answer: while preparing, on a guidance step, one that does not change the way on
 * (it leads where Next leads) and has something to show (wording or an action). Its guidance opens
 * on the same step, with a way back to it; moving on is always the explicit Next. Every other
 * answer (is it safe? what happened?) chooses the way on.
 */
export function isWhatIf(
  mode: CoachingMode,
  step: StepContent,
  answer: QuickAnswerContent,
): boolean {
  return (
    mode === 'prepare' &&
    step.tone !== 'stop' &&
    step.next !== undefined &&
    answer.next === step.next &&
    (answer.wording !== undefined || answer.action !== undefined)
  );
}

/** The wording library's first phrasing for a situation: what to say, and why it works. */
export type SituationGuide = (
  situation: WordingSituationId,
) => { readonly words: string; readonly why: string } | undefined;

export function progressLine(pack: CoachingPack, mode: ModePack, stage: number): string {
  return pack.shared.progress
    .replace('[stage]', String(stage))
    .replace('[total]', String(pack.stageCount))
    .replace('[stageName]', mode.stageNames[stage - 1] ?? '');
}

/** The card for the session's current step. */
export function buildStepView(
  pack: CoachingPack,
  session: CoachingSession,
  contacts: LocalContacts,
  guide?: SituationGuide,
): CoachingStepCardData {
  const mode = pack.modes[session.mode];
  const step = currentStep(pack, session);
  const fill = (text: string) => fillLocalDetails(text, contacts);
  const at = { revision: session.revision, stepId: step.id };
  const nav = pack.shared.navigation;

  const answerButton = (a: QuickAnswerContent): CardAction => ({
    title: fill(a.label),
    verb: coachingVerbs.answer,
    data: { ...at, answerId: a.id },
  });
  const whatIfs = step.answers.filter((a) => isWhatIf(session.mode, step, a));
  const choices = step.answers.filter((a) => !whatIfs.includes(a));
  // A long list shows its first answers and any that changes the way on; the rest on demand.
  const shown = choices.filter((a, i) => i < answersShown || a.next !== step.next);
  const more = choices.filter((a) => !shown.includes(a));
  const open = findAnswer(step, session.draft?.open);
  const whatIf = open && isWhatIf(session.mode, step, open) ? open : undefined;
  const navigation: CardAction[] = [];
  if (step.finish || step.next !== undefined) {
    navigation.push({
      title: step.finish ? nav.finish.title : nav.next.title,
      verb: coachingVerbs.next,
      data: at,
    });
  }
  // With a "what if…" open, its own "Back to the step" is the way back: no Skip or Back beside it.
  if (whatIf === undefined && step.canSkip && !step.finish && step.next !== undefined) {
    navigation.push({ title: nav.skip.title, verb: coachingVerbs.skip, data: at });
  }
  if (whatIf === undefined && session.path.length > 0)
    navigation.push({ title: nav.back.title, verb: coachingVerbs.back, data: at });
  navigation.push({ title: nav.pause.title, verb: coachingVerbs.pause, data: at });
  // Carries the step, so a note typed here is kept when the walk-through pauses for the menu.
  navigation.push({ title: 'Menu', verb: linkedVerbs.menu, data: at });

  return {
    modeTitle: mode.title,
    progress: progressLine(pack, mode, step.stage),
    stageNumber: step.stage,
    stageCount: pack.stageCount,
    stageName: mode.stageNames[step.stage - 1] ?? '',
    stepId: step.id,
    title: fill(step.title),
    isStop: step.tone === 'stop',
    whatToDo: fill(step.whatToDo),
    ...splitWhatToDo(fill(step.whatToDo), step.tone === 'stop'),
    whyLabel: pack.shared.cardLabels.why,
    why: fill(step.why),
    avoidLabel: pack.shared.cardLabels.avoid,
    avoid: step.avoid === undefined ? '' : fill(step.avoid),
    questionsLabel: step.questionsLabel ?? mode.labels.questions,
    questions: step.questions.map(fill),
    // The answers that choose the way on are shown; "what if…" answers open on demand.
    answersLabel: choices.length > 0 && whatIfs.length === 0 ? mode.labels.answers : '',
    quickAnswers: shown.map(answerButton),
    moreAnswers: more.map(answerButton),
    whatIfsLabel: mode.labels.answers,
    whatIfs: whatIfs.map(answerButton),
    checklistLabel: step.checklist ? fill(step.checklist.label) : '',
    checklist: (step.checklist?.items ?? []).map((i) => ({ title: fill(i.label), value: i.id })),
    tickedValue: (session.draft?.ticked?.[step.id] ?? []).join(','),
    whatIfOpen: whatIf !== undefined,
    whatIf: whatIfPanel(whatIf, fill, guide, {
      back: { title: 'Back to the step', verb: coachingVerbs.closeWhatIf, data: at },
      ...(whatIf?.wording === undefined
        ? {}
        : {
            more: {
              title: 'More wording for this',
              verb: coachingVerbs.wording,
              data: { ...at, situation: whatIf.wording },
            },
          }),
    }),
    noteLabel: mode.labels.note,
    noteValue: session.pending?.[step.id] ?? '',
    notePlaceholder: mode.labels.notePlaceholder,
    noteMaxLength,
    wordingLabel: pack.shared.cardLabels.wording,
    wordingOffers: wordingOffers(pack, session, step),
    safetyLine: fill(pack.safetyAlert.immediate),
    navigation,
    revision: session.revision,
  };
}

/** The wording the last answer pointed to (it led here), then the step's own suggestions. */
function wordingOffers(
  pack: CoachingPack,
  session: CoachingSession,
  step: StepContent,
): CardAction[] {
  const situations: WordingSituationId[] = [];
  const last = session.path[session.path.length - 1];
  if (last?.via === 'answer') {
    const from = pack.modes[session.mode].stepsById.get(last.stepId);
    const wording = from && findAnswer(from, last.answerId)?.wording;
    if (wording) situations.push(wording);
  }
  for (const w of step.wording) if (!situations.includes(w)) situations.push(w);
  return situations.flatMap((situation) => {
    const offer = pack.shared.wordingSituations.find((w) => w.id === situation);
    // Through coaching, so the note typed on the step is kept; the wording opens below.
    return offer
      ? [
          {
            title: offer.offer,
            verb: coachingVerbs.wording,
            data: { revision: session.revision, stepId: step.id, situation },
          },
        ]
      : [];
  });
}

/** The guidance a "what if…" answer opens on its step: what to say, why, and what to plan. */
function whatIfPanel(
  answer: QuickAnswerContent | undefined,
  fill: (text: string) => string,
  guide: SituationGuide | undefined,
  actions: { readonly back: CardAction; readonly more?: CardAction },
): WhatIfPanel {
  const phrasing = answer?.wording === undefined ? undefined : guide?.(answer.wording);
  return {
    heading: answer === undefined ? '' : fill(answer.label),
    sayLabel: 'You could say',
    words: phrasing === undefined ? '' : `“${fill(phrasing.words)}”`,
    why: phrasing === undefined ? '' : fill(phrasing.why),
    plan: [answer?.riskNote, answer?.action].flatMap((t) => (t === undefined ? [] : [fill(t)])),
    actions: [actions.back, ...(actions.more ? [actions.more] : [])],
  };
}

/** How many of a long list of answers a step shows before "More answers". */
const answersShown = 7;

/** Roughly four lines at a phone's width: what a step shows of "what to do" before "more". */
const leadLength = 200;

/**
 * "What to do", split for a phone: its first sentences (about four lines) show at once, the rest
 * opens on demand. A "do not ask now" or "act now" step shows all of it.
 */
function splitWhatToDo(
  text: string,
  whole: boolean,
): { readonly whatToDoLead: string; readonly whatToDoMore: string } {
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z0-9])/);
  if (whole || text.length <= leadLength + 40) return { whatToDoLead: text, whatToDoMore: '' };
  let lead = sentences[0] ?? text;
  let used = 1;
  while (used < sentences.length && `${lead} ${sentences[used] ?? ''}`.length <= leadLength)
    lead = `${lead} ${sentences[used++] ?? ''}`;
  return { whatToDoLead: lead, whatToDoMore: sentences.slice(used).join(' ') };
}
