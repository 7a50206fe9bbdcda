import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Clock } from '../../kernel/clock';
import type { Storage } from '../../kernel/documentStore';
import { reportingZone } from '../../outcomes/aggregation';
import { ConfidenceAnswers, type ConfidenceAnswer } from '../../outcomes/confidenceAnswers';
import type { ManagedTeams } from '../../outcomes/confidenceOutcomes';
import { hmacRespondentIds } from '../../outcomes/respondentIds';
import { StoredTenantDirectory, type TenantSettings } from '../../tenants/tenantSettings';

/** The playground's own user (playgroundConfig.ts), named a manager when answers are seeded. */
export const sandboxManagerId = 'd4e0c0ac-0000-4000-8000-000000000100';
/** The playground's team (playgroundConfig.ts). */
export const sandboxTeamId = 'sandbox-team';

/** Made-up colleagues: eight in the playground's team, six elsewhere in the council. */
const fakeColleagues = Array.from({ length: 14 }, (_, i) => ({
  id: `d4e0c0ac-0000-4000-8000-${String(300 + i).padStart(12, '0')}`,
  teamId: i < 8 ? sandboxTeamId : 'sandbox-other-team',
}));

/**
 * Fake confidence answers for the local sandbox, so a manager's team view has something to show:
 * each made-up colleague answered at first use four months ago (mostly unsure) and again during
 * last month, three months later (mostly confident). The playground's user is made a manager of its team.
 * Local only: never run against a council's store.
 */
export async function seedConfidence(options: {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly tenantId: string;
  readonly respondentSecret: string;
}): Promise<{ readonly answers: number; readonly managedTeams: ManagedTeams }> {
  const { storage, tenantId } = options;
  const settings = new StoredTenantDirectory(storage.collection<TenantSettings>('tenants'));
  const current = await settings.settingsFor(tenantId);
  await settings.save(tenantId, {
    contacts: {},
    ...current,
    managers: [...new Set([...(current?.managers ?? []), sandboxManagerId])],
  });
  // Last calendar month (London time), so the seeded month shows whole; first use three months before.
  const month = DateTime.fromJSDate(options.clock.now())
    .setZone(reportingZone)
    .startOf('month')
    .minus({ months: 1 });
  let at = month.toMillis();
  const answers = new ConfidenceAnswers(
    storage.collection<ConfidenceAnswer>('outcomes'),
    { now: () => new Date(at) },
    hmacRespondentIds(options.respondentSecret),
  );
  let count = 0;
  for (const [i, colleague] of fakeColleagues.entries()) {
    at = month.minus({ months: 3 }).plus({ days: i, hours: 10 }).toMillis();
    await answers.record(tenantId, colleague.id, {
      moment: 'before-first-use',
      checkInId: randomUUID(),
      'confidence-identify': i % 3 === 0 ? 4 : 2,
      'confidence-engage': i % 4 === 0 ? 4 : 2,
    });
    at = month.plus({ days: i, hours: 10 }).toMillis();
    await answers.record(tenantId, colleague.id, {
      moment: 'refresher',
      checkInId: randomUUID(),
      teamId: colleague.teamId,
      'confidence-identify': i % 5 === 4 ? 3 : 4 + (i % 2),
      'confidence-engage': i % 3 === 2 ? 2 : 4,
    });
    count += 4;
  }
  return {
    answers: count,
    managedTeams: {
      teamsOf: (tenant, userId) =>
        Promise.resolve(tenant === tenantId && userId === sandboxManagerId ? [sandboxTeamId] : []),
    },
  };
}
