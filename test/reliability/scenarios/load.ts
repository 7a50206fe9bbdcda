import { anIdentity, httpUser } from '../support/chat';
import { Checks, type ScenarioResult } from '../support/report';
import type { Stack } from '../support/stack';
import { cardText, forwardButton } from '../support/walkthrough';

const staleOrBroken = /out of date|went wrong|could not be|Sorry/i;

/**
 * Many practitioners at once, each in their own chat, each walking through prepare (even ones) or
 * debrief (odd ones) turn after turn. Every turn must be answered with a card; a card showing the
 * other mode would mean one practitioner's session reached another.
 */
export async function load(
  stack: Stack,
  conversations: number,
  turns: number,
): Promise<ScenarioResult> {
  const checks = new Checks();
  let answered = 0;
  let errors = 0;
  let mixed = 0;
  let stale = 0;
  const examples: string[] = [];
  const started = Date.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, n) => {
      const user = httpUser(stack.base, stack.connector, anIdentity(n, 'load'));
      const mode = n % 2 === 0 ? 'prepare' : 'debrief';
      const own = mode === 'prepare' ? /Prepare/ : /Debrief/;
      const other = mode === 'prepare' ? /Debrief a conversation/ : /Prepare for a conversation/;
      for (let turn = 0; turn < turns; turn += 1) {
        try {
          const button = turn === 0 ? undefined : forwardButton(user);
          if (button) await user.press(button.title);
          else await user.say(mode);
          if (!user.card) throw new Error('no card');
          answered += 1;
          const text = cardText(user);
          if (other.test(text) && !own.test(text)) mixed += 1;
          if (staleOrBroken.test(text)) stale += 1;
        } catch (err) {
          errors += 1;
          if (examples.length < 3)
            examples.push(err instanceof Error ? err.message.slice(0, 160) : 'unknown');
        }
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const total = conversations * turns;
  checks.check(errors === 0, `${errors} turns failed ${examples.join(' | ')}`);
  checks.check(answered === total, `${total - answered} turns without a card`);
  checks.check(mixed === 0, `${mixed} cards from another practitioner's mode`);
  checks.check(stale === 0, `${stale} stale or error cards`);
  const errorLines = stack.bot?.errorLines() ?? [];
  checks.check(
    errorLines.length === 0,
    `error lines in the bot log (first: ${errorLines.slice(0, 2).join(' ').slice(0, 600)})`,
  );
  return {
    name: 'load',
    counts: {
      conversations,
      turnsEach: turns,
      turns: total,
      answered,
      errors,
      mixedSessions: mixed,
      staleOrErrorCards: stale,
      errorLogLines: stack.bot?.errorLines().length ?? 0,
      turnsPerSecond: Math.round(total / seconds),
    },
    failures: checks.failures,
  };
}
