import fc from 'fast-check';
import { aMessage, fakeTenantId } from '../../support/builders';
import { anIdentity, httpTurns } from '../support/chat';
import { Checks, type ScenarioResult } from '../support/report';
import type { Stack } from '../support/stack';

/** Fixture personal values planted in generated input: none may appear in the bot's logs. */
export const plantedPersonalValues = ['Testy McFakeface', '07700 900123', 'ZZ1 1ZZ'];
const planted = fc.constantFrom(...plantedPersonalValues);

const knownVerbs = [
  'welcome.show',
  'coaching.start',
  'coaching.answer',
  'coaching.next',
  'coaching.back',
  'coaching.skip',
  'coaching.pause',
  'coaching.resume',
  'wording.menu',
  'wording.situation',
  'wording.phrasing',
  'wording.feedback',
  'referral.next',
  'referral.back',
  'referral.saveChild',
  'referral.status',
  'referral.send',
  'outcomes.confidence',
];

const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);
const oversized = (min: number) =>
  fc
    .tuple(fc.integer({ min, max: Math.max(min * 4, 4000) }), planted)
    .map(([n, value]) => `${value} `.repeat(Math.ceil(n / (value.length + 1))));
const badUrl = fc.oneof(
  fc.constantFrom(
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,x',
    'ftp://x/',
    '',
    'Testy McFakeface',
  ),
  oversized(2049),
);

/** Field → values the edge must refuse there. */
const badFields: Array<[string, fc.Arbitrary<unknown>]> = [
  ['type', fc.oneof(wrongType, fc.constant(''), oversized(65))],
  ['id', fc.oneof(wrongType, oversized(513))],
  ['serviceUrl', fc.oneof(wrongType, badUrl)],
  ['locale', fc.oneof(wrongType, oversized(21))],
  ['text', fc.oneof(wrongType, oversized(30_001))],
  ['channelId', fc.oneof(wrongType, oversized(513))],
  ['from', wrongType],
  ['from.id', fc.oneof(wrongType, oversized(513), fc.constant(''))],
  ['from.aadObjectId', fc.oneof(wrongType, oversized(513))],
  ['recipient.id', fc.oneof(wrongType, oversized(513))],
  ['conversation', wrongType],
  ['conversation.id', fc.oneof(wrongType, oversized(513))],
  ['conversation.tenantId', fc.oneof(wrongType, oversized(513))],
  ['channelData', fc.oneof(fc.integer(), fc.string(), fc.constant(null))],
  ['channelData.tenant', fc.oneof(fc.integer(), fc.string(), fc.constant(null))],
  ['channelData.tenant.id', fc.oneof(wrongType, oversized(513))],
  ['entities', fc.oneof(fc.integer(), fc.string(), fc.array(fc.integer(), { minLength: 1 }))],
  ['timestamp', fc.oneof(fc.constant('not a date'), fc.constant('Testy McFakeface'))],
];

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    const copy = typeof next === 'object' && next !== null ? { ...next } : {};
    node[part] = copy;
    node = copy;
  }
  node[parts.at(-1) as string] = value;
}

/** A valid Teams message with one field the bot uses made wrong; or a body that is no activity. */
function badActivities(serviceUrl: string) {
  const envelope = () => ({ ...aMessage('help'), serviceUrl }) as Record<string, unknown>;
  const oneBadField = fc
    .oneof(...badFields.map(([path, values]) => values.map((value) => ({ path, value }))))
    .map(({ path, value }) => {
      const activity = envelope();
      setPath(activity, path, value);
      return { kind: 'field' as const, body: JSON.stringify(activity) };
    });
  const notAnActivity = fc
    .oneof(
      fc.jsonValue().filter((v) => !(typeof v === 'object' && v !== null && !Array.isArray(v))),
      fc.string().map((s) => `{"type": ${s}`),
    )
    .map((v) => ({ kind: 'body' as const, body: typeof v === 'string' ? v : JSON.stringify(v) }));
  return fc.oneof({ weight: 4, arbitrary: oneBadField }, { weight: 1, arbitrary: notAnActivity });
}

/** Card presses and other invokes with data no card of ours sends. */
function badCardPayloads() {
  const anyData = fc.oneof(fc.jsonValue({ maxDepth: 3 }), planted);
  const malformed = fc
    .oneof(
      anyData,
      fc.record({ action: anyData }),
      fc.record({
        action: fc.record({
          type: fc.constantFrom('Action.Execute', 'Action.Submit', 'x'),
          verb: fc.oneof(fc.string(), wrongType, planted),
          data: anyData,
        }),
      }),
    )
    .map((value) => ({ kind: 'unknown' as const, name: 'adaptiveCard/action', value }));
  const otherInvokes = fc
    .tuple(
      fc.oneof(
        fc.constantFrom(
          'task/fetch',
          'composeExtension/query',
          'composeExtension/fetchTask',
          'signin/verifyState',
        ),
        fc.string({ minLength: 1, maxLength: 40 }),
      ),
      anyData,
    )
    .map(([name, value]) => ({ kind: 'unknown' as const, name, value }));
  const knownVerb = fc.tuple(fc.constantFrom(...knownVerbs), anyData).map(([verb, data]) => ({
    kind: 'known' as const,
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  }));
  return fc.oneof(malformed, otherInvokes, knownVerb);
}

/** Writes to data containers: not the leases container (worker leases, readiness probes). */
function dataWrites(stack: Stack, except: string[] = []): number {
  return Object.entries(stack.proxy.writesByContainer())
    .filter(([container]) => container !== 'leases' && !except.includes(container))
    .reduce((sum, [, n]) => sum + n, 0);
}

async function inBatches<T>(items: T[], width: number, each: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await each(items[next++] as T);
    }),
  );
}

/**
 * Generated bad activities and card payloads over HTTP: no crash, no 5xx, nothing stored from an
 * invalid activity or an unknown or malformed card action, and no planted personal value in the
 * logs.
 */
export async function badInput(stack: Stack, total: number, seed: number): Promise<ScenarioResult> {
  const checks = new Checks();
  const who = anIdentity(1, 'bad');
  const { post } = httpTurns(stack.base, stack.connector, who, 20_000);
  // A first valid turn, so the conversation reference is stored before counting writes.
  await post(aMessage('help'));
  const statuses = new Map<number, number>();
  const note = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  let fiveHundreds = 0;
  let accepted = 0;

  // 1. Bad activities: refused at the edge, nothing written.
  const activities = fc.sample(badActivities(stack.connector.url), { numRuns: total / 2, seed });
  stack.proxy.resetCounts();
  await inBatches(activities, 8, async ({ kind, body }) => {
    const res = await fetch(`${stack.base()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await res.text();
    note(res.status);
    if (res.status >= 500) fiveHundreds += 1;
    if (kind === 'field' && res.status !== 400 && res.status !== 413) accepted += 1;
  });
  const activityWrites = dataWrites(stack);

  // 2. Card payloads from a known conversation and tenant.
  const payloads = fc.sample(badCardPayloads(), { numRuns: total / 2, seed: seed + 1 });
  const unknown = payloads.filter((p) => p.kind === 'unknown');
  const known = payloads.filter((p) => p.kind === 'known');
  let notACard = 0;
  const examples: string[] = [];
  const press = async (p: (typeof payloads)[number]) => {
    const result = await post({
      ...aMessage(''),
      text: undefined,
      type: 'invoke',
      name: p.name,
      value: p.value,
      channelData: { tenant: { id: fakeTenantId } },
    });
    note(result.status);
    if (result.status >= 500) {
      fiveHundreds += 1;
      if (examples.length < 3) examples.push(JSON.stringify(p).slice(0, 300));
    }
    if (p.name === 'adaptiveCard/action' && result.status === 200) {
      const body = (result.replies.at(-1)?.value as { body?: { type?: string } } | undefined)?.body;
      const type = body?.type ?? '';
      if (!type.includes('card') && !type.includes('message')) notACard += 1;
    }
  };
  stack.proxy.resetCounts();
  await inBatches(unknown, 8, press);
  // The conversation reference comes from the (valid) envelope, not the payload: counted apart.
  const unknownWrites = dataWrites(stack, ['conversations']);
  const referenceWrites = stack.proxy.writesByContainer().conversations ?? 0;
  stack.proxy.resetCounts();
  await inBatches(known, 8, press);
  const knownWrites = dataWrites(stack, ['conversations']);

  const health = await fetch(`${stack.base()}/healthz`).then(
    (r) => r.status,
    () => 0,
  );
  const logs = stack.bot?.output() ?? '';
  const leaked = plantedPersonalValues.filter((v) => logs.includes(v));
  checks.check(stack.bot?.alive() === true && health === 200, 'the bot process stayed up');
  checks.check(fiveHundreds === 0, `${fiveHundreds} answers were 5xx ${examples.join(' | ')}`);
  checks.check(accepted === 0, `${accepted} bad activities were not refused with 400/413`);
  checks.check(activityWrites === 0, `${activityWrites} writes from refused activities`);
  checks.check(unknownWrites === 0, `${unknownWrites} writes from unknown or malformed invokes`);
  checks.check(notACard === 0, `${notACard} card actions answered 200 without a card or message`);
  checks.check(leaked.length === 0, `planted values in the logs: ${leaked.length}`);
  return {
    name: 'bad-input',
    counts: {
      activities: activities.length,
      cardPayloads: payloads.length,
      ...Object.fromEntries(
        [...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => [`http${s}`, n]),
      ),
      http5xx: fiveHundreds,
      writesFromBadActivities: activityWrites,
      writesFromUnknownInvokes: unknownWrites,
      writesFromKnownVerbsWithBadData: knownWrites,
      referenceWritesDuringUnknownInvokes: referenceWrites,
      leakedValues: leaked.length,
      crashed: stack.bot?.alive() ? 0 : 1,
    },
    failures: checks.failures,
  };
}
