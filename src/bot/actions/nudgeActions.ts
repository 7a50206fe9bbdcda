import { DateTime } from 'luxon';
import { z } from 'zod';
import type { TipPack } from '../../content/nudges/loadTips';
import { nudgeVerbs } from '../../kernel/verbs';
import type { Clock } from '../../kernel/clock';
import type { ManagerDirectory } from '../../managers/managerDirectory';
import {
  recentNudges,
  refreshersOn,
  sendNow,
  snoozeRefreshers,
  statusOf,
  stopRefreshers,
  type NudgeUseCaseDeps,
} from '../../nudges/nudges';
import type { NudgeAudience, NudgeContent, NudgeRecord } from '../../nudges/model';
import {
  checkInChoice,
  everyoneChoice,
  quizChoice,
  manageView,
  statusView,
  teamChoicePrefix,
} from '../../nudges/views';
import type { InstalledTeams } from '../../teams/installedTeams';
import { replyIds } from '../../content/nudges/loadQuizzes';
import { answerQuiz, type AnswerQuizDeps } from '../../nudges/quizzes/answerQuiz';
import { nudgeReport, type CheckInAnswerSource } from '../../nudges/report/report';
import { reportView } from '../../nudges/report/views';
import { minimalReference } from '../activityFacts';
import { teamIdOf } from '../teamInstallations';
import { TurnContext } from 'botbuilder';
import { commandWords } from '../commands';
import type { TextResponder } from '../textResponders';
import { onVerb, showCard, type ActionContext, type Reply, type VerbHandler } from './actionTable';
import { notice, safetyLine } from './welcomeActions';

export interface NudgeActionDeps extends NudgeUseCaseDeps, AnswerQuizDeps {
  readonly managers: ManagerDirectory;
  readonly teams: InstalledTeams;
  readonly tips: TipPack;
  readonly clock: Clock;
  readonly checkInAnswers: CheckInAnswerSource;
}

const noData = z.object({}).passthrough();
const sendData = z.object({
  audience: z.string().min(1).max(300),
  content: z.string().min(1).max(100),
});
/** A nudge id: a send's random UUID, or a schedule occurrence's derived id. */
const nudgeIdSchema = z.string().regex(/^[\w:.-]{1,100}$/);
const quizData = z.object({
  nudgeId: nudgeIdSchema,
  occurrence: z.string().min(1).max(100),
  quizId: z.string().regex(/^[a-z0-9-]{1,80}$/),
  choice: z.enum(replyIds),
});
const reportData = z.object({ group: nudgeIdSchema });
const statusData = z.object({ nudgeId: nudgeIdSchema });

/** Wraps a handler so that only the tenant's managers reach it; anyone else is told to ask theirs. */
export const managersOnly =
  (managers: ManagerDirectory) =>
  <D>(handle: (context: ActionContext, data: D) => Promise<Reply>) =>
  async (context: ActionContext, data: D): Promise<Reply> =>
    (await managers.isManager(context.tenantId, context.userId))
      ? handle(context, data)
      : notAManager(context);

/** What a nudge says, in a word, for the manager's lists. */
export function nudgeTitle(tips: TipPack, nudge: Pick<NudgeRecord, 'content'>): string {
  if (nudge.content.kind === 'checkIn') return 'Confidence check-in';
  if (nudge.content.kind === 'quiz') return 'Quiz';
  return tips.byId.get(nudge.content.tipId)?.title ?? 'A tip';
}

function notAManager(context: ActionContext): Reply {
  context.logger.info('nudges refused: not a manager');
  return showCard(
    notice(context.cards, {
      title: 'Only team managers can send refreshers',
      text: 'Only team managers can send refreshers; ask your manager. Your council’s admin keeps the list of managers.',
    }),
  );
}

function noLongerOnRecord(context: ActionContext): Reply {
  return showCard(
    notice(context.cards, {
      title: 'That refresher is no longer on record',
      text: 'Its delivery records have expired. Send another from the refreshers card.',
    }),
  );
}

/** The team whose channel this is; recorded, since the bot is evidently installed in it. */
export async function currentTeam(
  deps: Pick<NudgeActionDeps, 'teams'>,
  context: ActionContext,
): Promise<string | undefined> {
  const { activity } = context.turn;
  const teamId = teamIdOf(activity);
  if (!teamId || !activity.serviceUrl) return undefined;
  if (!(await deps.teams.find(context.tenantId, teamId))) {
    await deps.teams.record({
      tenantId: context.tenantId,
      teamId,
      serviceUrl: activity.serviceUrl,
      reference: minimalReference(TurnContext.getConversationReference(activity)),
    });
  }
  return teamId;
}

async function manageCard(deps: NudgeActionDeps, context: ActionContext): Promise<Reply> {
  const currentTeamId = await currentTeam(deps, context);
  const view = manageView({
    teams: await deps.teams.listForTenant(context.tenantId),
    ...(currentTeamId ? { currentTeamId } : {}),
    tips: deps.tips.tips,
    recent: await recentNudges(deps, context.tenantId),
    tipTitle: (n) => nudgeTitle(deps.tips, n),
  });
  return showCard(context.cards.renderView(view));
}

export function parseChoice(
  deps: Pick<NudgeActionDeps, 'tips'>,
  data: z.infer<typeof sendData>,
): { audience: NudgeAudience; content: NudgeContent } | undefined {
  const audience: NudgeAudience | undefined =
    data.audience === everyoneChoice
      ? { kind: 'everyone' }
      : data.audience.startsWith(teamChoicePrefix)
        ? { kind: 'team', teamId: data.audience.slice(teamChoicePrefix.length) }
        : undefined;
  const content: NudgeContent | undefined =
    data.content === checkInChoice
      ? { kind: 'checkIn' }
      : data.content === quizChoice
        ? { kind: 'quiz' }
        : deps.tips.byId.has(data.content)
          ? { kind: 'tip', tipId: data.content }
          : undefined;
  return audience && content ? { audience, content } : undefined;
}

/**
 * Managers' refreshers: the manage card, send now, and a send's status, each for managers only
 * (anyone else is told to ask their manager); and every recipient's "stop refreshers" and
 * "refreshers on", honoured from the next send.
 */
export function nudgeActions(deps: NudgeActionDeps): VerbHandler[] {
  const managerOnly = managersOnly(deps.managers);

  const statusCard = async (context: ActionContext, nudgeId: string): Promise<Reply> => {
    const status = await statusOf(deps, context.tenantId, nudgeId);
    if (!status) return noLongerOnRecord(context);
    return showCard(
      context.cards.renderView(
        statusView(status, nudgeTitle(deps.tips, status.nudge), deps.clock.now()),
      ),
    );
  };

  return [
    onVerb(
      nudgeVerbs.manage,
      noData,
      managerOnly((context) => manageCard(deps, context)),
    ),
    onVerb(
      nudgeVerbs.send,
      sendData,
      managerOnly(async (context, data) => {
        const choice = parseChoice(deps, data);
        if (!choice) return manageCard(deps, context);
        if (
          choice.audience.kind === 'team' &&
          !(await deps.teams.find(context.tenantId, choice.audience.teamId))
        ) {
          return manageCard(deps, context);
        }
        const nudge = await sendNow(deps, {
          tenantId: context.tenantId,
          managerId: context.userId,
          ...choice,
        });
        context.logger.info('nudge sent now', {
          nudgeId: nudge.nudgeId,
          reason: choice.audience.kind,
        });
        return statusCard(context, nudge.nudgeId);
      }),
      () => ({ kind: 'message', text: 'Pick who it goes to and what to send, then Send now.' }),
    ),
    onVerb(
      nudgeVerbs.status,
      statusData,
      managerOnly((context, { nudgeId }) => statusCard(context, nudgeId)),
    ),
    onVerb(
      nudgeVerbs.report,
      reportData,
      managerOnly(async (context, { group }) => {
        const report = await nudgeReport(deps, context.tenantId, group);
        if (!report) return noLongerOnRecord(context);
        const { figures, latest } = report;
        context.logger.info('nudge report shown', { count: figures.occurrences.length });
        return showCard(
          context.cards.renderView(
            reportView(figures, {
              what: nudgeTitle(deps.tips, latest),
              group,
              now: deps.clock.now(),
            }),
          ),
        );
      }),
    ),
    onVerb(nudgeVerbs.quiz, quizData, async (context, press) => {
      const view = await answerQuiz(
        deps,
        { tenantId: context.tenantId, userId: context.userId },
        press,
      );
      if (!view) {
        return showCard(
          notice(context.cards, {
            title: 'That quiz is no longer on record',
            text: 'It may have expired. Your manager can send another.',
            safetyLine,
          }),
        );
      }
      context.logger.info('quiz answered', {});
      return showCard(context.cards.renderView(view));
    }),
    onVerb(nudgeVerbs.stop, noData, (context) => refresherChoice(deps, context, 'stop')),
    onVerb(nudgeVerbs.snooze, noData, async (context) => {
      const until = await snoozeRefreshers(deps, context.tenantId, context.userId);
      const day = DateTime.fromJSDate(until).setZone('Europe/London').toFormat('cccc d LLLL');
      return showCard(
        notice(context.cards, {
          title: 'Refreshers snoozed',
          text: `You will not get refreshers until ${day}; then they start again by themselves. To have them sooner, type “refreshers on” or press the button.`,
          safetyLine,
          actions: [{ title: 'Refreshers on', verb: nudgeVerbs.resume, data: {} }],
        }),
      );
    }),
    onVerb(nudgeVerbs.resume, noData, (context) => refresherChoice(deps, context, 'on')),
  ];
}

/** "stop refreshers" / "refreshers on", pressed or typed: honoured from the next send. */
async function refresherChoice(
  deps: NudgeActionDeps,
  context: ActionContext,
  choice: 'stop' | 'on',
): Promise<Reply> {
  if (choice === 'stop') {
    await stopRefreshers(deps, context.tenantId, context.userId);
    return showCard(
      notice(context.cards, {
        title: 'Refreshers stopped',
        text: 'You will not get refreshers from the next one on. To have them again, type “refreshers on” or press the button.',
        safetyLine,
        actions: [{ title: 'Refreshers on', verb: nudgeVerbs.resume, data: {} }],
      }),
    );
  }
  await refreshersOn(deps, context.tenantId, context.userId);
  return showCard(
    notice(context.cards, {
      title: 'Refreshers on',
      text: 'You will get your team’s refreshers again from the next one. Type “stop refreshers” at any time to stop them.',
    }),
  );
}

/**
 * The typed words, as a text responder: whole messages only ("stop refreshers", "refreshers on"),
 * so the chat's own "stop" (which pauses a walk-through) never collides with them.
 */
export function refresherWordsResponder(deps: NudgeActionDeps): TextResponder {
  return async (context, text) => {
    const choice = refresherWords[commandWords(text).join(' ')];
    if (!choice) return undefined;
    const reply = await refresherChoice(deps, context, choice);
    return reply.kind === 'card' ? reply.card : undefined;
  };
}

/** Typed words for the refresher's buttons: whole messages only, never the chat's own "stop". */
export const refresherWords: Readonly<Record<string, 'stop' | 'on'>> = {
  'stop refreshers': 'stop',
  'refreshers off': 'stop',
  'refreshers on': 'on',
  'start refreshers': 'on',
};
