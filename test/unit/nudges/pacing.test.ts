import { strict as assert } from 'node:assert';
import { toChannelError } from '../../../src/bot/proactive/channelErrors';
import { ChannelRequestError } from '../../../src/conversations/channelRequestError';
import { verdictOn } from '../../../src/nudges/deliveryOutcome';
import { SlidingWindowLimiter } from '../../../src/nudges/pacing';
import { ManualClock } from '../../support/referrals/deliveryFakes';

describe('nudge pacing and Teams answers', function () {
  it('lets at most the limit go in any sliding second, counted from each answer, and pauses for Retry-After', async function () {
    const clock = new ManualClock('2026-12-01T10:00:00.000Z');
    const start = clock.now().getTime();
    const limiter = new SlidingWindowLimiter(clock, { sleep: async (ms) => clock.advance(ms) }, 50);
    const at: number[] = [];
    for (let i = 0; i < 120; i += 1) {
      const slot = await limiter.take();
      at.push(clock.now().getTime() - start);
      if (i % 7 === 0) clock.advance(30); // a slow answer holds its slot longer
      slot.answered();
    }
    for (let i = 50; i < at.length; i += 1) assert.ok(at[i]! - at[i - 50]! >= 1000, `request ${i}`);
    assert.ok(at[49]! <= 1000, 'the first second is paced evenly, not waited out');

    // Fifty in flight: the next waits for an answer, then for a window after it.
    clock.advance(5000);
    const inFlight = await Promise.all(Array.from({ length: 50 }, () => limiter.take()));
    let granted = false;
    const next = limiter.take().then((slot) => {
      granted = true;
      return slot;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(granted, false, 'no slot while all fifty are in flight');
    const answeredAt = clock.now().getTime();
    inFlight[0]!.answered();
    (await next).answered();
    assert.ok(clock.now().getTime() - answeredAt >= 1000);
    inFlight.slice(1).forEach((slot) => slot.answered());

    limiter.pauseUntil(clock.now().getTime() + 5000);
    const before = clock.now().getTime();
    (await limiter.take()).answered();
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
