import assert from 'node:assert/strict';
import type { ConfidenceAnswer } from '../../../src/outcomes/confidenceAnswers';
import { confidenceCsv } from '../../../src/outcomes/csvExport';
import type { TenantSettings } from '../../../src/tenants/tenantSettings';
import { aCardAction, fakeTenantId, fakeUser } from '../../support/builders';
import { aBotHarness, invokeCardOf, runTurn } from '../../support/botHarness';
import { ManualClock } from '../../support/referrals/deliveryFakes';
import { aCheckIn } from '../../support/outcomes/builders';

const team = '19:fake-team-id@thread.tacv2';
const colleagues = Array.from({ length: 7 }, (_, i) => ({
  id: `00000000-0000-4000-8000-0000000002${String(i).padStart(2, '0')}`,
  name: `Fake Colleague ${i}`,
}));

/**
 * A council where one person answered alone in October (strongly agree: 100% if it leaked), seven
 * answered in November, and the manager looks at the team view and the CSV.
 */
async function aCouncil() {
  const clock = new ManualClock('2026-10-05T10:00:00.000Z');
  const h = aBotHarness({
    clock,
    outcomePorts: { managedTeams: { teamsOf: async () => [team] } },
  });
  await h.storage
    .collection<TenantSettings>('tenants')
    .upsert(
      { partitionKey: fakeTenantId, id: 'settings' },
      { contacts: {}, managers: [fakeUser.aadObjectId] },
    );
  const [alone] = colleagues;
  await h.confidence.answers.record(
    fakeTenantId,
    alone?.id ?? '',
    aCheckIn({ moment: 'before-first-use', 'confidence-identify': 5, 'confidence-engage': 5 }),
  );
  clock.advance(35 * 24 * 60 * 60_000);
  for (const [i, c] of colleagues.entries()) {
    await h.confidence.answers.record(
      fakeTenantId,
      c.id,
      aCheckIn({ teamId: team, 'confidence-identify': i < 3 ? 4 : 2 }),
    );
  }
  const stored = (
    await h.storage.collection<ConfidenceAnswer>('outcomes').listPartition(fakeTenantId)
  ).map((i) => i.value);
  return { ...h, stored };
}

describe('nothing a manager sees identifies anyone', () => {
  it('the team view card and the CSV hold no respondent id, user id, name, card id or individual answer', async () => {
    const h = await aCouncil();
    const teamCard = invokeCardOf(
      (await runTurn(h.adapter, aCardAction('outcomes.team'))).at(-1) ?? {},
    );
    assert.ok(teamCard);
    const csv = confidenceCsv(h.stored, { teamIds: new Set([team]) });
    // The CSV's last two columns are the seed's reference figures (42% / 100%), not anyone's answers.
    const csvFigures = csv
      .split('\n')
      .map((line) => line.split(',').slice(0, 5).join(','))
      .join('\n');
    const outputs = { card: JSON.stringify(teamCard), csv: csvFigures };

    const forbidden = [
      ...h.stored.map((a) => a.respondent),
      ...h.stored.map((a) => a.respondent.slice(0, 12)),
      ...h.stored.map((a) => a.checkInId),
      ...colleagues.flatMap((c) => [c.id, c.name]),
      fakeUser.aadObjectId,
      fakeUser.name,
      team,
    ];
    for (const [what, output] of Object.entries(outputs)) {
      for (const value of forbidden) {
        assert.ok(!output.includes(value), `${what} holds ${value}`);
        assert.ok(!csv.includes(value), `the whole CSV holds ${value}`);
      }
      // October's one answer (5 and 5: 100%) is never shown, only that it cannot be.
      assert.doesNotMatch(output, /100%(?! after)/, `${what} shows October's one person`);
      assert.match(output, /not enough answers to show without identifying anyone/);
      assert.doesNotMatch(output, /\d of 5/, `${what} shows an answer on the scale`);
    }
    assert.match(csv, /2026-10,not enough answers/m);
    assert.match(csv, /month,identify,2026-11,43%,43%,42%,100%$/m);
  });
});
