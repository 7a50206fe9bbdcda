import type { CardAction } from '../kernel/cardAction';
import { nudgeVerbs, welcomeVerbs } from '../kernel/verbs';
import type { InstalledTeam } from '../teams/installedTeams';
import type { RefresherTip } from '../content/nudges/loadTips';
import type { NudgeRecord, PermanentReason } from './model';
import type { NudgeStatus } from './nudges';
import { scheduleVerbs } from './schedules/verbs';
import type { QuizCardModels } from './quizzes/views';
import type { ReportCardModels } from './report/views';
import { refresherActions, refresherKicker, refresherSafetyLine } from './refresherButtons';

interface Choice {
  readonly title: string;
  readonly value: string;
}

export interface NudgesManageCardData {
  readonly title: string;
  readonly intro: string;
  readonly audienceLabel: string;
  readonly audienceValue: string;
  readonly audiences: readonly Choice[];
  readonly contentLabel: string;
  readonly contentValue: string;
  readonly contents: readonly Choice[];
  readonly recentLabel: string;
  readonly recent: readonly CardAction[];
  readonly send: CardAction;
  readonly actions: readonly CardAction[];
}

export interface NudgesStatusCardData {
  readonly title: string;
  readonly summary: string;
  readonly lines: readonly Choice[];
  readonly asOf: string;
  readonly actions: readonly CardAction[];
}

export interface NudgesTipCardData {
  readonly kicker: string;
  readonly title: string;
  readonly text: string;
  readonly source: string;
  readonly safetyLine: string;
  readonly actions: readonly CardAction[];
}

export interface NudgeCardModels extends QuizCardModels, ReportCardModels {
  'nudges-manage': NudgesManageCardData;
  'nudges-status': NudgesStatusCardData;
  'nudges-tip': NudgesTipCardData;
}

export const checkInChoice = 'checkin';
export const quizChoice = 'quiz';
export const everyoneChoice = 'everyone';
export const teamChoicePrefix = 'team:';

const menuButton: CardAction = { title: 'Back to the menu', verb: welcomeVerbs.show, data: {} };

/** Who a refresher can go to: each installed team (this one named so), then everyone. */
export function audienceChoices(teams: readonly InstalledTeam[], currentTeamId?: string): Choice[] {
  const audiences: Choice[] = teams.map((t, i) => ({
    title: t.teamId === currentTeamId ? 'This team' : (t.name ?? `Team ${i + 1}`),
    value: `${teamChoicePrefix}${t.teamId}`,
  }));
  audiences.push({ title: 'Everyone who has used DARE Coach', value: everyoneChoice });
  return audiences;
}

/** What a refresher can carry: each tip, the check-in, then an adaptive quiz. */
export function contentChoices(tips: readonly RefresherTip[]): Choice[] {
  return [
    ...tips.map((t) => ({ title: `Tip: ${t.title}`, value: t.id })),
    { title: 'Confidence check-in (two questions)', value: checkInChoice },
    { title: 'A quiz: a two-minute scenario, chosen for each person', value: quizChoice },
  ];
}

/** The manager's card: who to send to, what, and the latest sends. */
export function manageView(options: {
  readonly teams: readonly InstalledTeam[];
  /** The team whose channel this is (picked first), when the manager is in one. */
  readonly currentTeamId?: string;
  readonly tips: readonly RefresherTip[];
  readonly recent: readonly NudgeRecord[];
  readonly tipTitle: (nudge: NudgeRecord) => string;
}): { card: 'nudges-manage'; data: NudgesManageCardData } {
  const audiences = audienceChoices(options.teams, options.currentTeamId);
  const current = options.currentTeamId ? `${teamChoicePrefix}${options.currentTeamId}` : '';
  return {
    card: 'nudges-manage',
    data: {
      title: 'Send a refresher',
      intro:
        'Pick who it goes to and what it says. It is sent now, to each person’s personal chat with DARE Coach; anyone can stop refreshers from the card.',
      audienceLabel: 'Send to',
      audienceValue: audiences.some((a) => a.value === current)
        ? current
        : (audiences[0]?.value ?? everyoneChoice),
      audiences,
      contentLabel: 'What to send',
      contentValue: options.tips[0]?.id ?? checkInChoice,
      contents: contentChoices(options.tips),
      recentLabel: 'Recent sends (press one for its status)',
      recent: options.recent.map((n) => ({
        title: `${options.tipTitle(n)}, ${n.createdAt.slice(0, 16).replace('T', ' ')} UTC`,
        verb: nudgeVerbs.status,
        data: { nudgeId: n.nudgeId },
      })),
      send: { title: 'Send now', verb: nudgeVerbs.send, data: {} },
      actions: [{ title: 'Schedules', verb: scheduleVerbs.list, data: {} }, menuButton],
    },
  };
}

const reasonWords: Record<PermanentReason, string> = {
  ConversationBlockedByUser: 'they blocked DARE Coach',
  BotDisabledByAdmin: 'DARE Coach is turned off for them by an admin',
  BotNotInConversationRoster: 'DARE Coach is not in their chat',
  AppUninstalled: 'DARE Coach was uninstalled',
  NotFound: 'their chat no longer exists',
  Forbidden: 'Teams refused',
  BadRequest: 'Teams refused the message',
  RetriesExhausted: 'Teams did not answer after several tries',
  OptedOut: 'they stopped or snoozed refreshers',
  NoConversation: 'DARE Coach was removed from the team',
};

/** "Not sent: <why>" and how many, for each reason that has any. */
export function failedLinesOf(failed: Partial<Record<PermanentReason, number>>): Choice[] {
  return (Object.entries(failed) as [PermanentReason, number][])
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => ({ title: `Not sent: ${reasonWords[reason]}`, value: String(n) }));
}

/** Sent / pending / possibly sent / failed by reason, with a button to look again. */
export function statusView(
  status: NudgeStatus,
  what: string,
  now: Date,
): { card: 'nudges-status'; data: NudgesStatusCardData } {
  const failedLines = failedLinesOf(status.failed);
  const total =
    status.sent +
    status.pending +
    status.uncertain +
    failedLines.reduce((s, l) => s + Number(l.value), 0);
  const summary =
    status.state === 'expanding'
      ? 'Finding who it goes to.'
      : status.pending > 0
        ? `Sending: ${status.sent} of ${total} sent so far.`
        : `Finished: ${status.sent} of ${total} sent.`;
  return {
    card: 'nudges-status',
    data: {
      title: `Refresher: ${what}`,
      summary,
      lines: [
        { title: 'Sent', value: String(status.sent) },
        { title: 'Waiting to send', value: String(status.pending) },
        ...(status.uncertain > 0
          ? [
              {
                title: 'Possibly sent (sending was interrupted; not sent again, to avoid a repeat)',
                value: String(status.uncertain),
              },
            ]
          : []),
        ...failedLines,
      ],
      asOf: `As of ${now.toISOString().slice(11, 19)} UTC.`,
      actions: [
        { title: 'Refresh', verb: nudgeVerbs.status, data: { nudgeId: status.nudge.nudgeId } },
        {
          title: 'Report',
          verb: nudgeVerbs.report,
          data: { group: status.nudge.scheduleId ?? status.nudge.nudgeId },
        },
        { title: 'Send another', verb: nudgeVerbs.manage, data: {} },
      ],
    },
  };
}

/** The refresher a practitioner receives: one tip, its source, and "stop refreshers". */
export function tipView(
  tip: RefresherTip,
  text: string,
): { card: 'nudges-tip'; data: NudgesTipCardData } {
  return {
    card: 'nudges-tip',
    data: {
      kicker: refresherKicker,
      title: tip.title,
      text,
      source: `Source: ${tip.source}`,
      safetyLine: refresherSafetyLine,
      actions: refresherActions,
    },
  };
}
