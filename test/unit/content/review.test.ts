import assert from 'node:assert/strict';
import {
  buildCoachingPack,
  bundledCoachingSources,
  loadCoachingPack,
} from '../../../src/content/coaching/loadCoachingPack';
import { ContentPackError } from '../../../src/content/loadPack';
import { aboutContent, isReviewed, notYetReviewed } from '../../../src/content/review';
import { loadWordingLibrary } from '../../../src/content/wording/loadLibrary';
import { setIn } from './jsonEdit';

const shipped = loadCoachingPack();
const versions = { pack: shipped.version, wording: loadWordingLibrary().version };

/** The shipped pack with `review` in pack.json replaced. */
function withReview(review: unknown) {
  const sources = bundledCoachingSources();
  const data: unknown = structuredClone(sources.pack.data);
  setIn(data, ['review'], review);
  return buildCoachingPack({ ...sources, pack: { file: sources.pack.file, data } });
}

const signedOff = {
  reviewer: 'A. Lead',
  role: 'Safeguarding lead, Anytown Council',
  date: '2026-12-10',
  packVersion: versions.pack,
  wordingVersion: versions.wording,
};

describe('content review record', () => {
  it('says "not yet reviewed by a safeguarding lead" while nobody has signed this content off', () => {
    assert.equal(shipped.review, null);
    assert.equal(isReviewed(shipped.review, versions), false);
    const about = aboutContent(shipped.review, versions);
    assert.match(about, new RegExp(notYetReviewed));
    assert.ok(about.includes(versions.pack) && about.includes(versions.wording), about);
  });

  it('names who reviewed it, their role and when, once the record covers these versions', () => {
    const pack = withReview(signedOff);
    assert.equal(isReviewed(pack.review, versions), true);
    const about = aboutContent(pack.review, versions);
    assert.doesNotMatch(about, new RegExp(notYetReviewed));
    assert.match(
      about,
      /reviewed by A\. Lead \(Safeguarding lead, Anytown Council\) on 2026-12-10/,
    );
  });

  it('goes back to "not yet reviewed" when either version moves on, naming the last review', () => {
    for (const moved of [
      { ...versions, pack: '2099.1.0' },
      { ...versions, wording: '2099.1.0' },
    ]) {
      const about = aboutContent(withReview(signedOff).review, moved);
      assert.match(about, new RegExp(notYetReviewed));
      assert.match(about, /last review, by A\. Lead/);
    }
  });

  it('refuses a record without a role or with a date that is not a date, naming the path', () => {
    const { role: _role, ...noRole } = signedOff;
    for (const [review, path] of [
      [noRole, '$.review.role'],
      [{ ...signedOff, date: '10/12/2026' }, '$.review.date'],
    ] as const) {
      assert.throws(
        () => withReview(review),
        (err: unknown) =>
          err instanceof ContentPackError && err.issues.some((i) => i.path === path),
      );
    }
  });
});
