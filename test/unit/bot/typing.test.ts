import assert from 'node:assert/strict';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { PersonalTyping } from '../../../src/bot/personalTyping';
import { aMessage } from '../../support/builders';
import { aBotHarness } from '../../support/botHarness';

/** A test adapter that tells when a typing activity has been sent. */
class WatchedAdapter extends TestAdapter {
  typingSent!: Promise<void>;
  private seen: () => void = () => undefined;
  readonly sent: Array<Partial<Activity>> = [];

  constructor(logic: ConstructorParameters<typeof TestAdapter>[0]) {
    super(logic);
    this.typingSent = new Promise((resolve) => (this.seen = resolve));
  }

  override async sendActivities(
    ...args: Parameters<TestAdapter['sendActivities']>
  ): ReturnType<TestAdapter['sendActivities']> {
    const [, activities] = args;
    this.sent.push(...activities);
    if (activities.some((a) => a.type === ActivityTypes.Typing)) this.seen();
    return super.sendActivities(...args);
  }
}

describe('typing indicator', () => {
  it('shows while a slow reply in a personal chat is worked out', async () => {
    const adapter = new WatchedAdapter(async (turn) => {
      await adapter.typingSent; // a reply slower than the indicator's delay
      await turn.sendActivity('done');
    });
    adapter.use(new PersonalTyping(0));
    await adapter.processActivity(aMessage('prepare'));
    assert.deepEqual(
      adapter.sent.map((a) => a.type),
      [ActivityTypes.Typing, ActivityTypes.Message],
    );
  });

  it('stays out of group chats and channels', async () => {
    for (const conversationType of ['groupChat', 'channel'] as const) {
      const adapter = new WatchedAdapter(async (turn) => {
        // Two timer turns: a typing timer due now would have fired by the second.
        for (let i = 0; i < 2; i++) await new Promise((resolve) => setTimeout(resolve, 0));
        await turn.sendActivity('done');
      });
      adapter.use(new PersonalTyping(0));
      await adapter.processActivity(aMessage('wording', { conversationType }));
      assert.deepEqual(
        adapter.sent.map((a) => a.type),
        [ActivityTypes.Message],
      );
    }
  });

  it('is part of the bot’s middleware, after the tenant guard', () => {
    const { middleware } = aBotHarness();
    assert.equal(
      middleware.findIndex((m) => m instanceof PersonalTyping),
      1,
    );
  });
});
