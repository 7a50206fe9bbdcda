import { strict as assert } from 'node:assert';
import { toChannelError } from '../../../src/bot/proactive/channelErrors';
import { ChannelRequestError } from '../../../src/conversations/channelRequestError';
import { verdictOn } from '../../../src/nudges/deliveryOutcome';
import { TokenBucket } from '../../../src/nudges/pacing';
import { ManualClock } from '../../support/referrals/deliveryFakes';

describe('nudge pacing and Teams answers', function () {
  it('lets at most the rate go in any second, evenly spaced, and pauses for Retry-After', async function () {
    const clock = new ManualClock('2026-12-01T10:00:00.000Z');
    const start = clock.now().getTime();
    const at: number[] = [];
    const bucket = new TokenBucket(clock, { sleep: async (ms) => clock.advance(ms) }, 50);
    for (let i = 0; i < 120; i += 1) {
      await bucket.take();
      at.push(clock.now().getTime() - start);
    }
    for (let i = 50; i < at.length; i += 1) assert.ok(at[i]! - at[i - 50]! >= 1000, `request ${i}`);
    bucket.pauseUntil(clock.now().getTime() + 5000);
    const before = clock.now().getTime();
    await bucket.take();
    assert.ok(clock.now().getTime() - before >= 5000);
  });

  it("reads Teams' refusals from botbuilder's RestError: status, sub-code, Retry-After", function () {
    const restError = Object.assign(new Error('Forbidden'), {
      statusCode: 403,
      response: {
        headers: { get: () => null },
        bodyAsText: JSON.stringify({ error: { code: 'ConversationBlockedByUser' } }),
      },
    });
    const mapped = toChannelError(restError);
    assert.ok(mapped instanceof ChannelRequestError);
    assert.deepEqual(verdictOn(mapped), { kind: 'permanent', reason: 'ConversationBlockedByUser' });
    const throttled = toChannelError(
      Object.assign(new Error('Too many'), {
        statusCode: 429,
        response: { headers: { get: () => '3' } },
      }),
    );
    assert.deepEqual(verdictOn(throttled), { kind: 'retry', throttled: true, retryAfterMs: 3000 });
    const bug = new TypeError('not a channel answer');
    assert.equal(toChannelError(bug), bug, 'anything without a status is passed on as it was');
  });
});
