import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { MeterProvider, MetricReader, type DataPoint } from '@opentelemetry/sdk-metrics';
import { coachingVerbs } from '../../../src/coaching/actions';
import { DeliveryWorker } from '../../../src/referrals/delivery/deliveryWorker';
import { meterName, metricNames, useMeter } from '../../../src/telemetry/metrics';
import { metricViews } from '../../../src/telemetry/processors';
import { aBotHarness, runTurn } from '../../support/botHarness';
import { aCardAction, aMessage, fakeTenantId, fakeUser } from '../../support/builders';
import { accepted, ScriptedPartnership, seededRandom } from '../../support/referrals/deliveryFakes';
import { fillEveryStep } from '../../support/referrals/formAnswers';
import { aReferralHarness } from '../../support/referrals/formHarness';

/** Collects on demand, in memory: nothing is exported anywhere. */
class CollectingReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

// Obviously fake personal values, typed into the chat and the referral form.
const typedName = 'Sam Testperson';
const dangerText = `${typedName} said he would strangle her if she left`;

describe('telemetry: the app counts turns, safety cards and referrals where they happen', () => {
  let reader: CollectingReader;
  let provider: MeterProvider;

  beforeEach(() => {
    reader = new CollectingReader();
    provider = new MeterProvider({ readers: [reader], views: metricViews });
    useMeter(provider.getMeter(meterName));
  });

  afterEach(async () => {
    useMeter(undefined);
    await provider.shutdown();
  });

  /** Each instrument's data points, as `attributes → value`. */
  async function counted(): Promise<Map<string, Array<DataPoint<number>>>> {
    const { resourceMetrics } = await reader.collect();
    const out = new Map<string, Array<DataPoint<number>>>();
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        out.set(metric.descriptor.name, metric.dataPoints as Array<DataPoint<number>>);
      }
    }
    return out;
  }

  const valueOf = (points: Array<DataPoint<number>> | undefined, key: string, value: string) =>
    (points ?? []).find((p) => p.attributes[key] === value)?.value ?? 0;

  it('a card press and a command count as turns by verb; a safety card by its category', async () => {
    const { adapter, coaching } = aBotHarness();
    await runTurn(adapter, aMessage('help'));
    await runTurn(adapter, aCardAction(coachingVerbs.prepare));
    await runTurn(adapter, aCardAction('coaching.no-such-verb'));
    await runTurn(adapter, aMessage(dangerText));

    const metrics = await counted();
    const turns = metrics.get(metricNames.turns);
    assert.equal(valueOf(turns, 'verb', 'welcome.show'), 1);
    assert.equal(valueOf(turns, 'verb', coachingVerbs.prepare), 1);
    assert.equal(valueOf(turns, 'verb', 'unknown'), 1, 'an unknown verb is not a dimension');
    const safety = metrics.get(metricNames.safetyCards) ?? [];
    const categories = safety.map((p) => String(p.attributes.category));
    assert.ok(categories.includes('strangulation'), `categories counted: ${categories.join(', ')}`);
    for (const category of categories) {
      assert.ok(coaching.walkthrough.pack.safety.categoryIds.includes(category));
    }

    const everything = inspect([...metrics], { depth: 20 });
    for (const value of [typedName, 'strangle', fakeTenantId, fakeUser.id, fakeUser.aadObjectId]) {
      assert.ok(!everything.includes(value), `a metric carries "${value}"`);
    }
  });

  it('a referral delivered counts one attempt and one final status, with nothing personal', async () => {
    const h = aReferralHarness();
    await h.user.say('refer');
    await fillEveryStep(h.user);
    await h.user.press('Send the referral');
    const [stored] = await h.deps.stores.referrals.listPartition(fakeTenantId);
    assert.ok(stored);
    const worker = new DeliveryWorker({
      stores: h.deps.stores,
      client: new ScriptedPartnership(accepted('DPP-7K2M9QXA')),
      clock: h.clock,
      logger: h.logs.logger,
      random: seededRandom(1),
    });
    assert.equal((await worker.runOnce()).sent, 1);

    const metrics = await counted();
    assert.equal(valueOf(metrics.get(metricNames.referralsFinal), 'status', 'sent'), 1);
    assert.equal(valueOf(metrics.get(metricNames.deliveryAttempts), 'outcome', 'accepted'), 1);
    const turns = metrics.get(metricNames.turns);
    assert.ok(valueOf(turns, 'verb', 'referral.send') >= 1);
    const everything = inspect([...metrics], { depth: 20 });
    for (const value of [stored.id, 'DPP-7K2M9QXA', fakeTenantId, 'Testperson']) {
      assert.ok(!everything.includes(value), `a metric carries "${value}"`);
    }
  });
});
