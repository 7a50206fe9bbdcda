import assert from 'node:assert/strict';
import { incomingActivitySchema } from '../../../src/bot/incomingActivity';
import { aMessage } from '../../support/builders';

/** A file consent answer as Teams posts it, checked at the edge before botbuilder reads it. */
function aFileConsentInvoke(value: unknown) {
  return { ...aMessage(''), type: 'invoke', text: undefined, name: 'fileConsent/invoke', value };
}

describe('file consent invokes at the edge', () => {
  const schema = incomingActivitySchema({ production: false });

  it('accepts an accepted or declined consent as Teams sends it', () => {
    for (const action of ['accept', 'decline']) {
      const parsed = schema.safeParse(
        aFileConsentInvoke({
          type: 'fileUpload',
          action,
          context: { file: 'confidence-csv' },
          uploadInfo: {
            name: 'confidence.csv',
            uploadUrl: 'https://fake.example.invalid/upload',
            contentUrl: 'https://fake.example.invalid/file',
            uniqueId: 'fake-id',
            fileType: 'csv',
          },
        }),
      );
      assert.ok(parsed.success, action);
    }
  });

  it('refuses a consent whose action or upload details are not what Teams sends', () => {
    for (const value of [
      undefined,
      { type: 'fileUpload', action: 'delete' },
      { type: 'somethingElse', action: 'accept' },
      { type: 'fileUpload', action: 'accept', uploadInfo: { uploadUrl: 42 } },
      { type: 'fileUpload', action: 'accept', uploadInfo: { uploadUrl: 'x'.repeat(5000) } },
    ]) {
      assert.equal(
        schema.safeParse(aFileConsentInvoke(value)).success,
        false,
        JSON.stringify(value),
      );
    }
  });
});
