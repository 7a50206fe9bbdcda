import assert from 'node:assert/strict';
import type { CoachingSession } from '../../../src/coaching/session';
import type { CoachingSummaryCardData } from '../../../src/coaching/views';
import { changed, contacts, ctxAt, press, walk, walkthrough } from './builders';

function summaryOf(session: CoachingSession): CoachingSummaryCardData {
  const view = walkthrough.view(session, contacts);
  if (view.card !== 'coaching-summary') throw new Error(`expected the summary, got ${view.card}`);
  return view.data;
}

const section = (data: CoachingSummaryCardData, heading: string): readonly string[] =>
  data.sections.find((s) => s.heading === heading)?.items ?? [];

/** A debrief where he minimised, risks were ticked and typed, and he agreed to a referral. */
function fullDebrief(): CoachingSession {
  let s = walk('debrief', ['it-was-safe', 'talked', 'minimised']);
  s = changed(
    walkthrough.apply(
      s,
      press.nav('next', s, { ticked: ['strangulation'], note: 'he said she was scared of him' }),
      ctxAt(),
    ),
  ).session;
  s = changed(walkthrough.apply(s, press.answer(s, 'open-to-help'), ctxAt())).session;
  s = changed(walkthrough.apply(s, press.answer(s, 'agreed'), ctxAt())).session;
  return changed(walkthrough.apply(s, press.nav('next', s), ctxAt())).session;
}

describe('record-and-reflect summary', () => {
  const data = summaryOf(fullDebrief());

  it('has a fixed title with no personal data', () => {
    assert.equal(data.title, 'Summary for your record');
  });

  it('lists what was covered and what was not', () => {
    assert.deepEqual(section(data, 'Covered'), [
      'Was it safe to ask?',
      'How you opened',
      'What you heard',
      'Risk signs',
      'How he responded as a father',
      'What happens next',
      'Record and reflect',
    ]);
    assert.deepEqual(section(data, 'Not covered'), ['None recorded']);
  });

  it('records what he said, in the order it came up', () => {
    assert.deepEqual(section(data, 'What he said and did'), [
      'We spoke on our own, in private.',
      'He talked openly when asked how things are at home.',
      'He played down what happens at home.',
      'He said he was open to help.',
      'He agreed to a referral to a behaviour-change service.',
    ]);
  });

  it('keeps the practitioner’s own notes', () => {
    assert.deepEqual(section(data, 'Your notes'), ['he said she was scared of him']);
  });

  it('lists risks ticked and typed, and the same-day actions they call for', () => {
    assert.deepEqual(section(data, 'Risks noted'), [
      'Choking or strangling',
      'She is frightened of what he will do (you typed “scared of him”)',
    ]);
    const actions = section(data, 'Actions');
    assert.ok(actions.includes('Consider a referral through the Testshire MARAC referral form.'));
    assert.ok(actions.some((a) => a.startsWith('Talk to the Testshire DA lead')));
    assert.ok(actions.includes('Make the referral to the domestic abuse prevention partnership.'));
  });

  it('suggests a referral and passes what is known, as categories only, for prefill', () => {
    assert.equal(data.referralSuggested, true);
    assert.deepEqual(data.referralPrefill, {
      source: 'coaching',
      mode: 'debrief',
      packVersion: walkthrough.pack.version,
      riskIndicators: ['strangulation', 'victim-fear'],
      facts: ['minimised', 'open-to-help', 'consent-given'],
      childConcern: false,
    });
    const refer = data.actions.find((a) => a.verb === 'referral.start');
    assert.deepEqual(refer?.data, {
      from: 'coaching',
      mode: 'debrief',
      packVersion: walkthrough.pack.version,
      riskIndicators: 'strangulation,victim-fear',
      facts: 'minimised,open-to-help,consent-given',
      childConcern: false,
      newMessage: true,
    });
  });

  it('offers the two confidence questions as their own card, opened below the summary', () => {
    assert.equal(data.confidenceOffer.verb, 'outcomes.ask');
    assert.deepEqual(data.confidenceOffer.data, { moment: 'after-walkthrough', newMessage: true });
  });

  it('gives a plain-text version to copy into the case record', () => {
    assert.match(data.copyText, /^Debrief a conversation\n\nCovered:\n- Was it safe to ask\?/);
    assert.match(
      data.copyText,
      /Risks noted:\n- Choking or strangling\n- She is frightened of what he will do/,
    );
  });

  it('adds a child concern action and flags it for the referral when a child is at risk', () => {
    let p = walk('prepare', ['safe', 'next', 'next']);
    p = changed(
      walkthrough.apply(p, press.nav('next', p, { ticked: ['child-harm'] }), ctxAt()),
    ).session;
    while (p.status === 'active')
      p = changed(walkthrough.apply(p, press.nav('next', p), ctxAt())).session;
    const summary = summaryOf(p);
    assert.ok(
      section(summary, 'Actions').includes(
        'Contact Testshire MASH on 01234 567890 today about the children.',
      ),
    );
    assert.equal(summary.referralPrefill.childConcern, true);
  });

  it('marks skipped stages as not covered, and does not suggest a referral without a reason', () => {
    let s = walk('prepare', ['safe', 'skip', 'skip', 'skip', 'skip', 'skip']);
    s = changed(walkthrough.apply(s, press.nav('next', s), ctxAt())).session;
    const summary = summaryOf(s);
    assert.deepEqual(section(summary, 'Not covered'), [
      'Open the conversation',
      'Explore what happens at home',
      'Know the risk signs',
      'Engage him as a father',
      'Know what you can offer',
    ]);
    assert.equal(summary.referralSuggested, false);
    assert.match(summary.referralText, /^You can make a referral/);
  });

  it('records a "do not ask now" outcome with what to do instead', () => {
    const s = walk('prepare', ['child-present', 'not-for-now']);
    assert.equal(s.status, 'completed', 'it ends there, plainly');
    const summary = summaryOf(s);
    assert.match(summary.intro, /You decided not to ask this time/);
    assert.deepEqual(section(summary, 'What you prepared for'), [
      'It was not safe to ask: a child would be there.',
    ]);
    assert.deepEqual(section(summary, 'Actions'), [
      'Ask the Testshire DA lead how to raise it safely another time.',
    ]);
  });
});
