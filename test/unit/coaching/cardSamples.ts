import type { CoachingCardView, SafetyCardView } from '../../../src/coaching/views';
import { changed, contacts, ctxAt, press, walk, walkthrough } from './builders';

/**
 * Realistic data for every coaching and safety card, built by the engine itself so the samples
 * can never drift from the view models.
 */
export function cardSamples(): Record<string, object[]> {
  const views: Array<CoachingCardView | SafetyCardView> = [];
  const gate = walk('prepare', []);
  views.push(walkthrough.view(gate, contacts));
  views.push(walkthrough.view(walk('prepare', ['partner-present']), contacts));
  const risk = walk('debrief', ['it-was-safe', 'talked', 'minimised']);
  views.push(walkthrough.view(risk, contacts));
  const raised = changed(
    walkthrough.apply(
      risk,
      press.nav('next', risk, { ticked: ['strangulation', 'child-harm'] }),
      ctxAt(),
    ),
  );
  views.push(raised.view);
  if (raised.safety) views.push(raised.safety);
  let done = raised.session;
  while (done.status === 'active')
    done = changed(walkthrough.apply(done, press.nav('next', done), ctxAt())).session;
  views.push(walkthrough.view(done, contacts));
  views.push(
    walkthrough.view(
      walk('prepare', ['safe', 'skip', 'skip', 'skip', 'skip', 'skip', 'next']),
      contacts,
    ),
  );
  views.push(changed(walkthrough.apply(gate, press.nav('pause', gate), ctxAt())).view);
  // A "what if…" open on its step, with a note and ticks kept.
  const risks = walk('prepare', ['safe', 'next', 'next']);
  views.push(
    changed(
      walkthrough.apply(
        risks,
        press.answer(risks, 'offence', { note: 'Fake note', ticked: ['weapon'] }),
        ctxAt(),
      ),
    ).view,
  );
  for (const reason of ['out-of-date', 'expired', 'not-found'] as const)
    views.push(walkthrough.staleView(reason));

  const samples: Record<string, object[]> = {};
  for (const view of views) (samples[view.card] ??= []).push(view.data);
  return samples;
}
