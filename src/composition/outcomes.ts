import { randomBytes } from 'node:crypto';
import { FileExports, httpsOnly, httpsOrLoopback } from '../bot/fileExports';
import type { AppConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import { NudgeTeams } from '../nudges/nudgeTeams';
import { QuizAnswers, type QuizAnswer } from '../nudges/quizzes/quizAnswers';
import { ConfidenceAnswers, type ConfidenceAnswer } from '../outcomes/confidenceAnswers';
import { ConfidenceOutcomes } from '../outcomes/confidenceOutcomes';
import { hmacRespondentIds } from '../outcomes/respondentIds';
import type { Features } from './features';
import type { ApplicationParts } from './parts';

/**
 * The confidence outcomes, wired. Managers come from the council's settings; a manager's teams
 * (those they have sent refreshers to) and "the team of the person's latest nudge" from the
 * nudge records, unless the parts bring their own (the sandbox's seeded team).
 */
export function composeOutcomes(
  config: AppConfig,
  parts: ApplicationParts,
  features: Pick<Features, 'tenants' | 'retention' | 'coaching' | 'nudges'>,
  logger: Logger,
) {
  const secret = config.outcomes.respondentSecret;
  if (!secret) {
    // Production refuses to start without it (src/config); tests and local runs get a key of their own.
    logger.warn(
      'RESPONDENT_ID_SECRET unset: confidence answers use a key that lasts this process only',
    );
  }
  const nudgeTeams = new NudgeTeams(features.nudges.stores);
  // One pseudonym for a person across confidence and quiz answers (quiz selection reads both).
  const respondents = hmacRespondentIds(secret ?? randomBytes(32).toString('hex'));
  const answers = new ConfidenceAnswers(
    parts.storage.collection<ConfidenceAnswer>('outcomes'),
    parts.clock,
    respondents,
    features.retention.ttlFor('confidenceAnswers'),
    parts.outcomePorts?.latestNudgeTeam ?? nudgeTeams,
  );
  const managers = features.nudges.managers;
  const outcomes = new ConfidenceOutcomes({
    answers,
    wording: features.coaching.walkthrough.pack.shared.confidence,
    managers,
    managedTeams: parts.outcomePorts?.managedTeams ?? nudgeTeams,
    clock: parts.clock,
  });
  const files = new FileExports(
    (tenantId, userId) => outcomes.csv({ tenantId, userId }),
    config.environment === 'production' ? httpsOnly : httpsOrLoopback,
    logger.child({ component: 'file-exports' }),
  );
  const quizAnswers = new QuizAnswers(
    parts.storage.collection<QuizAnswer>('outcomes'),
    parts.clock,
    respondents,
    features.retention.ttlFor('quizAnswers'),
  );
  return { answers, quizAnswers, managers, outcomes, files };
}
