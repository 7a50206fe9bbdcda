import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { aCardAction, aMessage, anInstall } from '../../support/builders';
import { aBotHarness, buttonsOf, invokeCardOf, runTurn } from '../../support/botHarness';
import { countingStorage, type StorageOperation } from '../../support/countingStorage';
import { answers } from '../../support/referrals/formAnswers';
import { aTeamsProfile } from '../../support/referrals/formHarness';

/** The referrer step as Teams sends it: the name and email the card shows from the profile. */
const referrer = {
  ...answers.referrer,
  'referrer.name': aTeamsProfile.name,
  'referrer.email': aTeamsProfile.email,
};

/**
 * At most one state read and one state write per turn, on every path (DESIGN.md, Data): counted
 * at the storage port with a counting store. The conversation reference is written on a
 * conversation's first turn and when it changes, not on every turn.
 */
function aCountedBot() {
  let counter: ReturnType<typeof countingStorage> | undefined;
  const harness = aBotHarness({
    storage: (memory) => {
      counter = countingStorage(memory);
      return counter.storage;
    },
  });
  const counted = counter!;
  /** Runs one turn, waits for writes started beside it, and returns its storage operations. */
  const turn = async (activity: Partial<Activity>) => {
    const sent = await runTurn(harness.adapter, activity);
    await harness.settled();
    return { sent, operations: counted.take() };
  };
  return { ...harness, turn, take: () => counted.take() };
}

/** The operations as "kind container", sorted: writes beside the turn may land in any order. */
const described = (ops: readonly StorageOperation[]) =>
  ops.map((o) => `${o.kind} ${o.container}`).sort();

const count = (ops: readonly StorageOperation[], kind: StorageOperation['kind']) =>
  ops.filter((o) => o.kind === kind).length;

function assertWithinBudget(ops: readonly StorageOperation[], path: string) {
  const listed = ops.map((o) => `${o.method} ${o.container}`).join(', ');
  assert.ok(count(ops, 'read') <= 1, `${path}: at most one read (${listed})`);
  assert.ok(count(ops, 'write') <= 1, `${path}: at most one write (${listed})`);
  assert.equal(count(ops, 'query'), 0, `${path}: no query (${listed})`);
}

describe('storage operations per turn', () => {
  it('stay within one read and one write on every path, first turn and later ones', async () => {
    const bot = aCountedBot();

    const welcome = await bot.turn(anInstall());
    assertWithinBudget(welcome.operations, 'welcome');
    assert.deepEqual(
      welcome.operations.map((o) => o.container),
      // The council's settings (retention for the reference's TTL), then cached for every turn.
      ['tenants', 'conversations'],
      'the first turn reads the council settings and remembers the conversation',
    );

    for (let i = 0; i < 2; i += 1) {
      const help = await bot.turn(aMessage('help'));
      assertWithinBudget(help.operations, 'help');
      assert.deepEqual(
        described(help.operations),
        ['read sessions'],
        'help reads the session only, and does not write the unchanged reference again',
      );
      const wording = await bot.turn(aMessage('he says she winds him up'));
      assertWithinBudget(wording.operations, 'wording search');
      assert.deepEqual(
        described(wording.operations),
        // Council contacts come from the tenant cache, read on the first turn.
        [],
        'a wording search touches no storage of its own',
      );
    }

    let card = invokeCardOf((await bot.turn(aCardAction('coaching.prepare'))).sent.at(-1) ?? {});
    for (let step = 0; step < 4; step += 1) {
      const pressed = buttonsOf(card).find((b) => /^coaching\.(answer|next)$/.test(b.verb));
      assert.ok(pressed, 'the step card has a way on');
      const { sent, operations } = await bot.turn(aCardAction(pressed.verb, pressed.data));
      assert.deepEqual(
        described(operations),
        ['write sessions'],
        'a walk-through step writes the session (If-Match on the copy this instance last wrote), nothing else',
      );
      card = invokeCardOf(sent.at(-1) ?? {});
    }

    card = invokeCardOf((await bot.turn(aCardAction('referral.start'))).sent.at(-1) ?? {});
    for (let round = 0; round < 3; round += 1) {
      const next = buttonsOf(card).find((b) => b.verb === 'referral.next');
      assert.equal(next?.data.place, 'referrer');
      const pressed = await bot.turn(aCardAction('referral.next', { ...next?.data, ...referrer }));
      // The referrer's role and team are remembered when they first pass, as a second write.
      if (round > 0) {
        assert.deepEqual(
          described(pressed.operations),
          ['write drafts'],
          'referral Next with the same referrer answers writes the draft only (If-Match on the copy this instance last wrote)',
        );
      }
      card = invokeCardOf(pressed.sent.at(-1) ?? {});
      const back = buttonsOf(card).find((b) => b.verb === 'referral.back');
      assert.ok(back, 'Next moved on to the father step');
      const backed = await bot.turn(aCardAction(back.verb, back.data));
      assertWithinBudget(backed.operations, 'referral Back');
      card = invokeCardOf(backed.sent.at(-1) ?? {});
    }
  });

  it('writes the conversation reference again when it changes', async () => {
    const bot = aCountedBot();
    await bot.turn(aMessage('help'));
    const moved = await bot.turn({
      ...aMessage('help'),
      serviceUrl: 'https://smba.example.test/amer/',
    });
    assert.deepEqual(
      described(moved.operations),
      ['read sessions', 'write conversations'],
      'a new service URL is stored',
    );
    const stored = await bot.conversations.listForTenant(
      String(aMessage('').conversation?.tenantId),
    );
    const reference = stored[0]?.reference as { serviceUrl?: string };
    assert.equal(reference.serviceUrl, 'https://smba.example.test/amer/');
  });
});
