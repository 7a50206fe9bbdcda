import type { CoachingPack, ModePack } from '../content/coaching/coachingPack';
import type {
  QuickAnswerContent,
  StepContent,
  WordingSituationId,
} from '../content/coaching/schema';
import { fillLocalDetails, type LocalContacts } from '../tenants/localContacts';
import { coachingVerbs, linkedVerbs } from './actions';
import { noteMaxLength, type CoachingSession } from './session';
import type { CardAction, CoachingStepCardData } from './views';

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
): CoachingStepCardData {
  const mode = pack.modes[session.mode];
  const step = currentStep(pack, session);
  const fill = (text: string) => fillLocalDetails(text, contacts);
  const at = { revision: session.revision, stepId: step.id };
  const nav = pack.shared.navigation;

  const navigation: CardAction[] = [];
  if (step.finish || step.next !== undefined) {
    navigation.push({
      title: step.finish ? nav.finish.title : nav.next.title,
      verb: coachingVerbs.next,
      data: at,
    });
  }
  if (step.canSkip && !step.finish && step.next !== undefined) {
    navigation.push({ title: nav.skip.title, verb: coachingVerbs.skip, data: at });
  }
  if (session.path.length > 0)
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
    whyLabel: pack.shared.cardLabels.why,
    why: fill(step.why),
    avoidLabel: pack.shared.cardLabels.avoid,
    avoid: step.avoid === undefined ? '' : fill(step.avoid),
    questionsLabel: step.questionsLabel ?? mode.labels.questions,
    questions: step.questions.map(fill),
    answersLabel: step.answers.length > 0 ? mode.labels.answers : '',
    quickAnswers: step.answers.map((a) => ({
      title: fill(a.label),
      verb: coachingVerbs.answer,
      data: { ...at, answerId: a.id },
    })),
    checklistLabel: step.checklist ? fill(step.checklist.label) : '',
    checklist: (step.checklist?.items ?? []).map((i) => ({ title: fill(i.label), value: i.id })),
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
