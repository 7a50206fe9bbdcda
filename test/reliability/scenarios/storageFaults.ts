import type { Activity } from 'botbuilder';
import { aCardAction, aMessage } from '../../support/builders';
import { cardOf, invokeCardOf, textsOf } from '../../support/botHarness';
import { anIdentity, httpTurns, httpUser } from '../support/chat';
import type { FaultMode } from '../support/faultProxy';
import { Checks, type ScenarioResult } from '../support/report';
import type { Stack } from '../support/stack';
import { forwardButton, stepOf } from '../support/walkthrough';

const modes: FaultMode[] = ['503', '429', 'drop', 'hang', 'writes'];
/** Longer than Teams waits (15 s for an invoke): an answer later than this is no answer. */
const turnBudgetMs = 30_000;
const dangerPhrase = 'he said he would kill her';

interface ReadyProbe {
  readonly status: number;
  readonly ms: number;
}

async function readyz(base: string): Promise<ReadyProbe> {
  const started = Date.now();
  try {
    const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(10_000) });
    await res.text();
    return { status: res.status, ms: Date.now() - started };
  } catch {
    return { status: 0, ms: Date.now() - started };
  }
}

/** Polls /readyz until it says `wanted` (each answer timed), for at most `withinMs`. */
async function readyzBecomes(base: string, wanted: number, withinMs: number) {
  const started = Date.now();
  const probes: ReadyProbe[] = [];
  for (;;) {
    const probe = await readyz(base);
    probes.push(probe);
    if (probe.status === wanted || Date.now() - started > withinMs) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    reached: probes.at(-1)?.status === wanted,
    slowest: Math.max(...probes.map((p) => p.ms)),
    seconds: (Date.now() - started) / 1000,
  };
}

const cardsIn = (replies: Array<Partial<Activity>>) =>
  replies.map((r) => cardOf(r)).filter((c) => c !== undefined);
const isSafetyCard = (card: unknown) => /999/.test(textsOf(card).join(' '));

/**
 * Storage behind a fault proxy (503, 429, dropped connections, hangs, writes failing while reads
 * work). For each: /readyz turns 503 promptly and every answer comes within 2 s; typed danger
 * words still raise the safety card; a message and a card press are answered plainly; afterwards
 * /readyz is ready again and the walk-through carries on where the practitioner was told it was
 * (nothing half-written).
 */
export async function storageFaults(stack: Stack): Promise<ScenarioResult> {
  const checks = new Checks();
  const walker = httpUser(stack.base, stack.connector, anIdentity(1, 'fault'));
  await walker.say('prepare');
  const forward = forwardButton(walker);
  if (forward) await walker.press(forward.title);
  const counts: Record<string, number | string> = {};

  for (const mode of modes) {
    stack.proxy.setMode(mode);
    const down = await readyzBecomes(stack.base(), 503, 10_000);
    const danger = httpTurns(
      stack.base,
      stack.connector,
      anIdentity(10, `danger-${mode}`),
      turnBudgetMs,
    );
    const chatter = httpTurns(
      stack.base,
      stack.connector,
      anIdentity(20, `help-${mode}`),
      turnBudgetMs,
    );
    const presser = httpTurns(stack.base, stack.connector, anIdentity(1, 'fault'), turnBudgetMs);
    const button = forwardButton(walker);
    const [dangerReply, helpReply, pressReply] = await Promise.all([
      danger.post(aMessage(dangerPhrase)).catch(() => undefined),
      chatter.post(aMessage('help')).catch(() => undefined),
      button
        ? presser.post(aCardAction(button.verb, button.data)).catch(() => undefined)
        : Promise.resolve(undefined),
    ]);
    const safetyShown = cardsIn(dangerReply?.replies ?? []).some(isSafetyCard);
    const helpAnswered =
      helpReply !== undefined &&
      helpReply.status < 500 &&
      helpReply.replies.some((r) => cardOf(r) !== undefined || typeof r.text === 'string');
    const pressCard = pressReply ? invokeCardOf(pressReply.replies.at(-1) ?? {}) : undefined;
    const pressAnswered =
      pressReply !== undefined && pressReply.status === 200 && pressCard !== undefined;

    stack.proxy.setMode('none');
    const up = await readyzBecomes(stack.base(), 200, 15_000);
    // The step the practitioner last saw; then what they are shown now: the answer to the press,
    // if one came (a "Not saved" card offers the same press again with "Try again").
    const stepBefore = stepOf(walker);
    if (pressCard) walker.card = pressCard;
    // Nothing half-written: the card in view still works, from the step it showed or the next.
    let stepAfter: number | undefined;
    const again = forwardButton(walker);
    if (again) {
      try {
        await walker.press(again.title);
        stepAfter = stepOf(walker);
      } catch {
        stepAfter = undefined;
      }
    }
    const consistent =
      stepBefore !== undefined &&
      stepAfter !== undefined &&
      stepAfter >= stepBefore &&
      stepAfter <= stepBefore + 2;

    checks.check(down.reached, `${mode}: /readyz reported not ready`);
    checks.check(down.slowest < 2000 && up.slowest < 2000, `${mode}: /readyz answered within 2 s`);
    checks.check(up.reached, `${mode}: /readyz ready again after the fault`);
    checks.check(
      consistent,
      `${mode}: walk-through consistent after the fault (${String(stepBefore)} → ${String(stepAfter)})`,
    );
    checks.check(safetyShown, `${mode}: safety card shown while storage fails`);
    checks.check(pressAnswered, `${mode}: card answer for an invoke while storage fails`);
    checks.check(helpAnswered, `${mode}: a plain answer to a message while storage fails`);
    counts[`${mode}.readyzDownS`] = down.seconds.toFixed(1);
    counts[`${mode}.readyzSlowestMs`] = Math.max(down.slowest, up.slowest);
    counts[`${mode}.safetyCard`] = safetyShown ? 1 : 0;
    counts[`${mode}.messageAnswered`] = helpAnswered ? 1 : 0;
    counts[`${mode}.invokeCard`] = pressAnswered ? 1 : 0;
    counts[`${mode}.consistent`] = consistent ? 1 : 0;
  }
  checks.check(stack.bot?.alive() === true, 'the bot process stayed up');
  return { name: 'storage-faults', counts, failures: checks.failures };
}
