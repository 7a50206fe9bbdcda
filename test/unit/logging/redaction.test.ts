import assert from 'node:assert/strict';
import sinon from 'sinon';
import { CardCatalog } from '../../../src/bot/cards/cardCatalog';
import { AppError } from '../../../src/kernel/errors';
import { aCardAction, aMessage } from '../../support/builders';
import { aBotHarness } from '../../support/botHarness';
import { capturedLogger } from '../../support/capturedLogs';

/** Obviously fake personal values; none of them may ever appear in a log line. */
const personal = {
  name: 'Testy McFakeface',
  email: 'testy.mcfakeface@example.invalid',
  phone: '07700 900123',
  dateOfBirth: '1980-02-29',
  address: '1 Fake Street, Nowhereville, ZZ99 9ZZ',
  freeText: 'he said she winds him up and he pushed her',
};
const values = Object.values(personal);

function assertNoPersonalData(text: string): void {
  for (const value of values)
    assert.ok(!text.includes(value), `log contains a personal value: ${value}`);
  assert.ok(text.length > 0, 'expected some log output to check');
}

describe('logging redacts personal data by construction', () => {
  afterEach(() => sinon.restore());

  it('drops fields that are not on the allow-list, whatever the caller passes', () => {
    const { logger, text, lines } = capturedLogger();
    const unsafe = { ...personal, verb: 'coaching.prepare' } as unknown as Parameters<
      typeof logger.info
    >[1];
    logger.info('test event', unsafe);
    logger.child(unsafe ?? {}).warn('child event');
    assertNoPersonalData(text());
    assert.equal(lines()[0]?.verb, 'coaching.prepare', 'allowed keys are kept');
  });

  it('logs an error by name, code and stack frames, never by its message', () => {
    const { logger, text, lines } = capturedLogger();
    logger.error('failed', {}, new Error(`could not save ${personal.name} ${personal.phone}`));
    logger.error('failed', {}, new AppError('STORE_CONFLICT', 'The item already exists.'));
    assertNoPersonalData(text());
    const [first, second] = lines() as Array<{
      err?: { errorName?: string; errorMessage?: string; stack?: string[] };
    }>;
    assert.equal(first?.err?.errorName, 'Error');
    assert.ok((first?.err?.stack?.length ?? 0) > 0, 'stack frames kept for diagnosis');
    assert.equal(
      second?.err?.errorMessage,
      'The item already exists.',
      'our own coded messages are kept',
    );
  });

  it("names a wrapped error's cause by name and code only, never by its message", () => {
    const { logger, text, lines } = capturedLogger();
    const reset = Object.assign(new Error(`socket hang up for ${personal.email}`), {
      code: 'ECONNRESET',
    });
    const chosen = Object.assign(new Error('x'), { code: personal.freeText });
    logger.error('failed', {}, new AppError('STORE_UNAVAILABLE', 'Call failed.', { cause: reset }));
    logger.error(
      'failed',
      {},
      new AppError('STORE_UNAVAILABLE', 'Call failed.', { cause: chosen }),
    );
    assertNoPersonalData(text());
    const [first, second] = lines() as Array<{ err?: { causeName?: string; causeCode?: string } }>;
    assert.equal(first?.err?.causeCode, 'ECONNRESET');
    assert.equal(second?.err?.causeName, 'Error');
    assert.equal(second?.err?.causeCode, undefined, 'a code that is free text is left out');
  });

  it('a whole test conversation full of personal data leaves none of it in the logs', async () => {
    const { adapter, logs } = aBotHarness();
    const card = (verb: string) => aCardAction(verb, { ...personal, notes: personal.freeText });
    await adapter
      .send(aMessage(`hi I am ${personal.name}, ${personal.email}`))
      .assertReply(() => undefined);
    await adapter
      .send(aMessage(`${personal.freeText}. Call ${personal.phone}, born ${personal.dateOfBirth}`))
      .assertReply(() => undefined);
    await adapter.send(aMessage(`refer ${personal.address}`)).assertReply(() => undefined);
    await adapter.send(card('referral.start')).assertReply(() => undefined);
    await adapter.send(card('no.such.verb')).assertReply(() => undefined);
    await adapter.send(aCardAction('welcome.show', personal.freeText)).assertReply(() => undefined);

    // A failing turn whose error message quotes the user must not leak either.
    const render = sinon.stub(CardCatalog.prototype, 'render').callThrough();
    render
      .withArgs('welcome')
      .throws(new Error(`template failed for ${personal.name} ${personal.email}`));
    await adapter.send(card('welcome.show')).assertReply(() => undefined);
    await adapter.send(aMessage(`hi ${personal.phone}`)).assertReply(() => undefined);

    assertNoPersonalData(logs.text());
    const messages = logs.lines().map((l) => l.msg);
    assert.ok(messages.includes('card action failed'));
    assert.ok(messages.includes('turn failed'));
  });
});
