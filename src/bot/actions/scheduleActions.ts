import { z } from 'zod';
import type { TipPack } from '../../content/nudges/loadTips';
import type { ManagerDirectory } from '../../managers/managerDirectory';
import { ruleFromForm, type ScheduleForm } from '../../nudges/schedules/form';
import type { ScheduleRecord } from '../../nudges/schedules/model';
import {
  changeSchedule,
  createSchedule,
  listSchedules,
  type ScheduleChange,
  type ScheduleUseCaseDeps,
} from '../../nudges/schedules/schedules';
import { scheduleVerbs } from '../../nudges/schedules/verbs';
import { scheduleFormView, scheduleListView } from '../../nudges/schedules/views';
import { audienceChoices, contentChoices, teamChoicePrefix } from '../../nudges/views';
import type { InstalledTeams } from '../../teams/installedTeams';
import { onVerb, showCard, type ActionContext, type Reply } from './actionTable';
import { currentTeam, managersOnly, nudgeTitle, parseChoice } from './nudgeActions';

export interface ScheduleActionDeps extends ScheduleUseCaseDeps {
  readonly managers: ManagerDirectory;
  readonly teams: InstalledTeams;
  readonly tips: TipPack;
}

const noData = z.object({}).passthrough();
const field = z
  .union([z.string().max(300), z.number()])
  .optional()
  .transform((v) => (v === undefined ? undefined : String(v)));
/** The form as Teams sends it: every field optional text, each checked with a message after. */
const formData = z.object({
  audience: field,
  content: field,
  cadence: field,
  weekday: field,
  day: field,
  time: field,
  start: field,
  end: field,
});
const scheduleData = z.object({ scheduleId: z.string().uuid() });

const changeWords: Record<ScheduleChange, string> = {
  pause: 'Paused: nothing is sent until you resume it.',
  resume: 'Resumed: it sends again from its next date (dates passed while paused are not sent).',
  cancel: 'Cancelled: nothing more will be sent.',
};

/**
 * Managers' refresher schedules: list, the new-schedule form, save (checked whole: a bad field
 * shows the form again with what is wrong, and nothing is saved), pause, resume and cancel. Each
 * for managers only, like the other refresher verbs.
 */
export function scheduleActions(deps: ScheduleActionDeps) {
  const managerOnly = managersOnly(deps.managers);

  const listCard = async (context: ActionContext, message?: string): Promise<Reply> => {
    const teams = await deps.teams.listForTenant(context.tenantId);
    const teamNames = new Map(audienceChoices(teams).map((c) => [c.value, c.title]));
    const whom = (s: ScheduleRecord): string =>
      s.audience.kind === 'everyone'
        ? 'everyone who has used DARE Coach'
        : (teamNames.get(`${teamChoicePrefix}${s.audience.teamId}`) ??
          'a team DARE Coach has left');
    return showCard(
      context.cards.renderView(
        scheduleListView({
          schedules: await listSchedules(deps, context.tenantId),
          what: (s) => nudgeTitle(deps.tips, s),
          whom,
          ...(message ? { message } : {}),
        }),
      ),
    );
  };

  const formCard = async (
    context: ActionContext,
    values: ScheduleForm,
    problems?: readonly string[],
  ): Promise<Reply> => {
    const teamId = await currentTeam(deps, context);
    const audiences = audienceChoices(await deps.teams.listForTenant(context.tenantId), teamId);
    return showCard(
      context.cards.renderView(
        scheduleFormView({
          audiences,
          contents: contentChoices(deps.tips.tips),
          values:
            teamId && values.audience === undefined
              ? { ...values, audience: `${teamChoicePrefix}${teamId}` }
              : values,
          ...(problems ? { problems } : {}),
          ...(deps.workingHours ? { workingHours: deps.workingHours } : {}),
        }),
      ),
    );
  };

  const save = async (context: ActionContext, form: ScheduleForm): Promise<Reply> => {
    const choice = parseChoice(deps, {
      audience: form.audience ?? '',
      content: form.content ?? '',
    });
    const parsed = ruleFromForm(form);
    const problems = [
      ...(choice ? [] : ['Pick who it goes to and what to send.']),
      ...('problems' in parsed ? parsed.problems : []),
    ];
    if (
      choice?.audience.kind === 'team' &&
      !(await deps.teams.find(context.tenantId, choice.audience.teamId))
    ) {
      problems.push('DARE Coach is no longer in that team: pick another audience.');
    }
    if (!choice || 'problems' in parsed || problems.length > 0) {
      return formCard(context, form, problems);
    }
    const result = await createSchedule(deps, {
      tenantId: context.tenantId,
      managerId: context.userId,
      ...choice,
      rule: parsed.rule,
    });
    if (!result.ok) return formCard(context, form, result.problems);
    context.logger.info('schedule created', { reason: result.schedule.rule.cadence.kind });
    return listCard(context, 'Saved. Its first refresher goes out on the date shown.');
  };

  const change =
    (what: ScheduleChange) =>
    async (context: ActionContext, { scheduleId }: { scheduleId: string }): Promise<Reply> => {
      const result = await changeSchedule(deps, context.tenantId, scheduleId, what);
      return listCard(
        context,
        result.ok
          ? changeWords[what]
          : result.reason === 'not-found'
            ? 'That schedule is no longer on record.'
            : 'That schedule has changed since this card was shown: here it is as it stands.',
      );
    };

  return [
    onVerb(
      scheduleVerbs.list,
      noData,
      managerOnly((context) => listCard(context)),
    ),
    onVerb(
      scheduleVerbs.compose,
      noData,
      managerOnly((context) => formCard(context, {})),
    ),
    onVerb(scheduleVerbs.create, formData, managerOnly(save)),
    onVerb(scheduleVerbs.pause, scheduleData, managerOnly(change('pause'))),
    onVerb(scheduleVerbs.resume, scheduleData, managerOnly(change('resume'))),
    onVerb(scheduleVerbs.cancel, scheduleData, managerOnly(change('cancel'))),
  ];
}
