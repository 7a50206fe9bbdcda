/**
 * The coaching walk-through: what the bot layer calls. Framework-free; the bot parses card data
 * with `parseCoachingAction`, calls `handleCoachingAction`, renders `view` in place of the pressed
 * card and sends `safety`, when present, as a new message in the same turn.
 */
export {
  coachingVerbs,
  linkedVerbs,
  newMessageFlag,
  parseCoachingAction,
  type CoachingAction,
  type CoachingVerb,
  type StepInput,
} from './actions';
export {
  findResumable,
  handleCoachingAction,
  noteTypedRisks,
  pauseWalkthrough,
  type CoachingDeps,
  type CoachingTurnInput,
  type CoachingTurnResult,
  type ResumableWalkthrough,
} from './handleCoachingAction';
export { coachingSessionSchema, sessionLifetimeDays, type CoachingSession } from './session';
export {
  DocumentStoreSessionRepository,
  sessionTtlSeconds,
  type CoachingSessionRepository,
  type LoadedSession,
  type SaveResult,
  type SessionKey,
} from './sessionRepository';
export { situationGuide } from './situationGuide';
export { referralPrefillData } from './summary';
export type * from './views';
export {
  createWalkthrough,
  type Transition,
  type TurnContext,
  type Walkthrough,
} from './walkthrough';
