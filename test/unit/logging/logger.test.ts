import assert from 'node:assert/strict';
import { capturedLogger } from '../../support/capturedLogs';

describe('logger', () => {
  it('nests components and merges bindings instead of repeating keys', () => {
    const { logger, text, lines } = capturedLogger();
    logger
      .child({ component: 'dare-coach' })
      .child({ component: 'storage' })
      .child({ component: 'storage', container: 'sessions' })
      .info('opened', { count: 2 });
    assert.deepEqual(
      {
        component: lines()[0]?.component,
        container: lines()[0]?.container,
        count: lines()[0]?.count,
      },
      { component: 'dare-coach.storage', container: 'sessions', count: 2 },
    );
    assert.equal(text().match(/"component"/g)?.length, 1);
  });

  it('writes one JSON object per line with level, time and message', () => {
    const { logger, lines } = capturedLogger();
    logger.warn('something to know', { httpStatus: 503 });
    const [line] = lines();
    assert.equal(line?.level, 40);
    assert.equal(line?.msg, 'something to know');
    assert.equal(typeof line?.time, 'string');
  });
});
