import assert from 'node:assert/strict';
import { ActivityTypes } from 'botbuilder';
import { nudgeVerbs } from '../../../src/kernel/verbs';
import type { ConfidenceAnswer } from '../../../src/outcomes/confidenceAnswers';
import type { TenantSettings } from '../../../src/tenants/tenantSettings';
import { aCardAction, aMessage, anInstall, fakeTenantId, fakeUser } from '../../support/builders';
import {
  aBotHarness,
  cardOf,
  invokeCardOf,
  runTurn,
  textsOf,
  verbsOf,
} from '../../support/botHarness';
import { CardUser } from '../../support/cardUser';
import { aCheckIn } from '../../support/outcomes/builders';
import { startUploadServer } from '../../support/outcomes/uploadServer';

const team = '19:fake-team-id@thread.tacv2';

function aPractitioner(options: Parameters<typeof aBotHarness>[0] = {}) {
  const harness = aBotHarness(options);
  return { ...harness, user: new CardUser(harness.adapter) };
}

async function storedAnswers(storage: ReturnType<typeof aBotHarness>['storage']) {
  return (await storage.collection<ConfidenceAnswer>('outcomes').listPartition(fakeTenantId)).map(
    (i) => i.value,
  );
}

/** What Teams sends when the person accepts a file consent card. */
function anAcceptedFileConsent(context: unknown, uploadInfo: Record<string, unknown>) {
  return {
    ...aMessage(''),
    type: ActivityTypes.Invoke,
    text: undefined,
    name: 'fileConsent/invoke',
    value: { type: 'fileUpload', action: 'accept', context, uploadInfo },
  };
}

function inputsOf(card: unknown): string[] {
  return JSON.stringify(card).match(/"type":"Input\.[A-Za-z]+"/g) ?? [];
}

/** The check-in card a nudge carries, as the nudges feature renders it. */
function aNudgeCheckIn(h: ReturnType<typeof aPractitioner>) {
  return h.cards.renderView(h.confidence.outcomes.checkIn({ moment: 'refresher', teamId: team }));
}

describe('confidence check-in card (turns)', () => {
  it('asks the baseline after the welcome on install in the personal chat; "Not now" stores nothing', async () => {
    const { adapter, storage, user } = aPractitioner();
    const replies = await runTurn(adapter, anInstall());
    const baseline = replies.map((r) => cardOf(r)).at(-1);
    assert.match(textsOf(baseline).join('\n'), /Before you start: two quick questions/);
    assert.equal(inputsOf(baseline).length, 2, 'two questions');
    assert.match(JSON.stringify(baseline), /"style":"expanded"/, 'one tap each');
    assert.equal((JSON.stringify(baseline).match(/"value":"[1-5]"/g) ?? []).length, 10);
    user.card = baseline;
    await user.press('Not now');
    assert.match(user.text(), /Nothing was saved/);
    assert.deepEqual(inputsOf(user.card), []);
    assert.deepEqual(await storedAnswers(storage), []);
  });

  it('as a refresher, carries the way to stop refreshers, as every refresher does', async () => {
    const h = aPractitioner();
    assert.ok(verbsOf(aNudgeCheckIn(h)).includes(nudgeVerbs.stop));
    const baseline = h.cards.renderView(
      h.confidence.outcomes.checkIn({ moment: 'before-first-use' }),
    );
    assert.ok(!verbsOf(baseline).includes(nudgeVerbs.stop), 'only refreshers offer it');
  });

  it('does not ask the baseline on install in a team channel', async () => {
    const { adapter } = aPractitioner();
    const replies = await runTurn(adapter, anInstall({ conversationType: 'channel' }));
    assert.ok(!replies.some((r) => verbsOf(cardOf(r)).includes('outcomes.confidence')));
  });

  it('turns into a thank-you in place once sent; a second press of the same card stores nothing', async () => {
    const h = aPractitioner();
    const { user, storage } = h;
    user.card = aNudgeCheckIn(h);
    const sent = user.button('Send my answers');
    await user.press('Send my answers', { 'confidence-identify': '4', 'confidence-engage': '5' });
    assert.match(user.text(), /Thank you/);
    assert.deepEqual(inputsOf(user.card), [], 'no inputs left on the card');
    assert.ok(!verbsOf(user.card).includes('outcomes.confidence'), 'nothing to send again');
    const first = await storedAnswers(storage);
    assert.deepEqual(first.map((a) => [a.question, a.answer, a.moment, a.teamId]).sort(), [
      ['engage', 5, 'refresher', team],
      ['identify', 4, 'refresher', team],
    ]);

    // The same card still open on another device: pressed again, with other answers.
    const again = await runTurn(
      h.adapter,
      aCardAction('outcomes.confidence', {
        ...sent.data,
        'confidence-identify': '1',
        'confidence-engage': '1',
      }),
    );
    const replaced = invokeCardOf(again.at(-1) ?? {});
    assert.match(textsOf(replaced).join(' '), /already answered, so nothing more was saved/);
    assert.deepEqual(inputsOf(replaced), []);
    assert.deepEqual(await storedAnswers(storage), first, 'nothing more stored');
  });

  it('leaves the card as it is when nothing was picked', async () => {
    const h = aPractitioner();
    h.user.card = aNudgeCheckIn(h);
    const card = h.user.card;
    await h.user.press('Send my answers');
    assert.equal(h.user.card, card);
    assert.match(h.user.lastMessage ?? '', /Pick an answer/);
    assert.deepEqual(await storedAnswers(h.storage), []);
  });

  it('refuses a forged card id without storing anything', async () => {
    const { adapter, storage } = aPractitioner();
    const replies = await runTurn(
      adapter,
      aCardAction('outcomes.confidence', {
        moment: 'refresher',
        checkInId: '../other-card',
        'confidence-identify': '4',
      }),
    );
    assert.equal(replies.at(-1)?.type, ActivityTypes.InvokeResponse);
    assert.deepEqual(await storedAnswers(storage), []);
  });

  it('shows "my confidence": own answers over time as a chart with a table fallback', async () => {
    const h = aPractitioner();
    await h.confidence.answers.record(fakeTenantId, fakeUser.aadObjectId, aCheckIn());
    await h.confidence.answers.record(fakeTenantId, 'someone-else', aCheckIn());
    await h.user.say('help');
    await h.user.press('My confidence over time');
    const chart = JSON.stringify(h.user.card);
    assert.match(chart, /"type":"Chart\.Line"/);
    assert.match(chart, /"fallback":\{"type":"Table"/);
    assert.match(h.user.text(), /4 of 5/);
    assert.equal((chart.match(/"y":/g) ?? []).length, 2, 'only my own two answers');
    assert.ok(!verbsOf(h.user.card).includes('outcomes.team'), 'no team view for a practitioner');
  });
});

describe('team view for managers (turns)', () => {
  async function aManagerWithAnswers(
    counts: { team: number; rest: number },
    options: { managedTeams?: readonly string[] } = {},
  ) {
    const h = aPractitioner({
      outcomePorts: { managedTeams: { teamsOf: async () => options.managedTeams ?? [team] } },
    });
    await h.storage
      .collection<TenantSettings>('tenants')
      .upsert(
        { partitionKey: fakeTenantId, id: 'settings' },
        { contacts: {}, managers: [fakeUser.aadObjectId] },
      );
    for (let i = 0; i < counts.team + counts.rest; i++) {
      await h.confidence.answers.record(
        fakeTenantId,
        `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
        aCheckIn({
          ...(i < counts.team ? { teamId: team } : {}),
          'confidence-identify': i % 2 === 0 ? 5 : 2,
        }),
      );
    }
    return h;
  }

  it('refuses the team view to someone who is not a manager', async () => {
    const { adapter } = aPractitioner();
    const replies = await runTurn(adapter, aCardAction('outcomes.team'));
    assert.match(textsOf(invokeCardOf(replies.at(-1) ?? {})).join(' '), /For team managers/);
  });

  it('shows team and council shares by month beside the seed reference', async () => {
    const h = await aManagerWithAnswers({ team: 6, rest: 5 });
    await h.user.say('help');
    await h.user.press('My confidence over time');
    await h.user.press('Team confidence figures');
    const text = h.user.text();
    assert.match(text, /November 2026/);
    assert.match(text, /42% before training, 100% after/);
    assert.match(text, /19% before training, 100% after/);
    assert.match(text, /^50%$/m, 'the team: 3 of 6 confident on identify');
    assert.match(text, /^55%$/m, 'the council: 6 of 11');
    assert.match(text, /Kept up/);
  });

  it('says "not enough answers" for a team of four, and holds back a team figure the council would give away', async () => {
    const small = await aManagerWithAnswers({ team: 4, rest: 6 });
    let replies = await runTurn(small.adapter, aCardAction('outcomes.team'));
    let text = textsOf(invokeCardOf(replies.at(-1) ?? {})).join('\n');
    assert.match(text, /not enough answers to show without identifying anyone/);

    const derivable = await aManagerWithAnswers({ team: 6, rest: 3 });
    replies = await runTurn(derivable.adapter, aCardAction('outcomes.team'));
    text = textsOf(invokeCardOf(replies.at(-1) ?? {})).join('\n');
    assert.doesNotMatch(text, /^50%$/m, "the team's figure (3 of 6) is held back");
    assert.match(text, /^56%$/m, "the council's (5 of 9) stays");
  });

  it('offers the CSV by file consent card, uploads it to the URL Teams gives, then shows the file', async () => {
    const upload = await startUploadServer();
    try {
      const h = await aManagerWithAnswers({ team: 6, rest: 5 });
      const offered = await runTurn(h.adapter, aCardAction('outcomes.export'));
      const consent = offered.flatMap((r) => r.attachments ?? [])[0];
      assert.equal(consent?.contentType, 'application/vnd.microsoft.teams.card.file.consent');
      const content = consent?.content as { sizeInBytes: number; acceptContext: unknown };
      assert.match(consent?.name ?? '', /^dare-coach-confidence-\d{4}-\d{2}-\d{2}\.csv$/);

      const accepted = await runTurn(
        h.adapter,
        anAcceptedFileConsent(content.acceptContext, {
          name: consent?.name,
          uploadUrl: upload.uploadUrl,
          contentUrl: 'https://fake-tenant.example.invalid/personal/fake/confidence.csv',
          uniqueId: 'fake-unique-id',
          fileType: 'csv',
        }),
      );
      const [put] = upload.received;
      assert.equal(put?.method, 'PUT');
      assert.equal(Buffer.byteLength(put?.body ?? ''), content.sizeInBytes);
      assert.equal(
        put?.headers['content-range'],
        `bytes 0-${content.sizeInBytes - 1}/${content.sizeInBytes}`,
      );
      assert.match(put?.body ?? '', /^figure,question,period,team share confident/);
      assert.equal(put?.headers.authorization, undefined, 'no bot token goes to the upload URL');
      const info = accepted.flatMap((r) => r.attachments ?? [])[0];
      assert.equal(info?.contentType, 'application/vnd.microsoft.teams.card.file.info');
      assert.equal(
        info?.contentUrl,
        'https://fake-tenant.example.invalid/personal/fake/confidence.csv',
      );
      const response = accepted.find((r) => r.type === ActivityTypes.InvokeResponse);
      assert.equal((response?.value as { status: number }).status, 200);
    } finally {
      await upload.stop();
    }
  });

  it('sends no file to someone who is not a manager, even with an accepted consent', async () => {
    const upload = await startUploadServer();
    try {
      const { adapter } = aPractitioner();
      const replies = await runTurn(
        adapter,
        anAcceptedFileConsent(
          { file: 'confidence-csv' },
          { name: 'x.csv', uploadUrl: upload.uploadUrl, contentUrl: 'https://x.invalid/x' },
        ),
      );
      assert.deepEqual(upload.received, []);
      assert.match(String(replies.find((r) => r.type === 'message')?.text), /team managers/);
    } finally {
      await upload.stop();
    }
  });
});

describe('files sent to the bot', () => {
  it('are refused with a plain message, never read or stored', async () => {
    const { adapter, storage, settled } = aPractitioner();
    const replies = await runTurn(adapter, {
      ...aMessage('here is the family file'),
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name: 'Fake Family Assessment.docx',
          content: { downloadUrl: 'https://fake.example.invalid/download', fileType: 'docx' },
        },
      ],
    });
    await settled();
    assert.match(String(replies[0]?.text), /does not take files/);
    const everything: unknown[] = [];
    for (const container of [
      'sessions',
      'drafts',
      'outcomes',
      'feedback',
      'conversations',
    ] as const) {
      everything.push(...(await storage.collection(container).listPartition(fakeTenantId)));
    }
    assert.ok(!JSON.stringify(everything).includes('Fake Family Assessment'));
    assert.ok(!JSON.stringify(everything).includes('download'));
  });

  it('still answers a message whose only attachment is its own formatted text', async () => {
    const { adapter } = aPractitioner();
    const replies = await runTurn(adapter, {
      ...aMessage('help'),
      attachments: [{ contentType: 'text/html', content: '<p>help</p>' }],
    });
    assert.ok(cardOf(replies[0] ?? {}), 'the help card');
  });
});
