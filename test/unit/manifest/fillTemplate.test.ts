import assert from 'node:assert/strict';
import { fillTemplate } from '../../../src/dev/package/fillTemplate';

describe('manifest template placeholders', () => {
  it('fills placeholders inside string values, anywhere in the tree', () => {
    const result = fillTemplate(
      {
        id: '${{APP_ID}}',
        name: { short: 'DARE Coach${{SUFFIX}}' },
        domains: ['${{ DOMAIN }}'],
        count: 3,
      },
      { APP_ID: 'a', SUFFIX: ' (test)', DOMAIN: 'example.org' },
    );
    assert.deepEqual(result, {
      ok: true,
      value: { id: 'a', name: { short: 'DARE Coach (test)' }, domains: ['example.org'], count: 3 },
    });
  });

  it('reports an unknown placeholder with where it is', () => {
    assert.deepEqual(fillTemplate({ bots: [{ botId: '${{BOTID}}' }] }, { BOT_ID: 'b' }), {
      ok: false,
      problems: ['unknown placeholder ${{BOTID}} at /bots/0/botId'],
    });
  });

  it('treats values as text: quotes cannot add properties', () => {
    const result = fillTemplate({ name: '${{NAME}}' }, { NAME: '", "extra": "x' });
    assert.deepEqual(result, { ok: true, value: { name: '", "extra": "x' } });
  });
});
