import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ActivityTypes } from 'botbuilder';
import { botCommands } from '../../../src/bot/commands';
import { join } from 'node:path';
import { projectRoot } from '../../../src/kernel/projectRoot';
import { enumeratedLogValues } from '../../../src/logging/logger';
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

describe('logger: caller-chosen values', () => {
  it('writes an enumerated key only with a listed value, anything else as "other"', () => {
    const { logger, lines } = capturedLogger();
    logger.info('a', { activityType: 'message', route: '/readyz', command: 'searchWording' });
    logger.info('b', { activityType: 'Testy', route: '/x/McFakeface', command: 'McFakeface' });
    assert.deepEqual(
      lines().map((l) => [l.activityType, l.route, l.command]),
      [
        ['message', '/readyz', 'searchWording'],
        ['other', 'other', 'other'],
      ],
    );
  });

  it('lists every activity type, bot command and message extension command id', () => {
    const manifest = JSON.parse(
      readFileSync(join(projectRoot(), 'manifest', 'manifest.template.json'), 'utf8').replace(
        /"\$\{\{[A-Z_]+\}\}"/g,
        '""',
      ),
    ) as { composeExtensions?: Array<{ commands?: Array<{ id: string }> }> };
    const extensionCommands = (manifest.composeExtensions ?? []).flatMap((e) =>
      (e.commands ?? []).map((c) => c.id),
    );
    assert.ok(extensionCommands.length > 0);
    const expected = {
      activityType: Object.values(ActivityTypes),
      command: [...botCommands.map((c) => c.command), ...extensionCommands],
    };
    for (const [key, values] of Object.entries(expected)) {
      const listed = enumeratedLogValues[key as keyof typeof enumeratedLogValues];
      for (const value of values) assert.ok(listed?.has(value), `${key} ${value}`);
    }
  });
});
