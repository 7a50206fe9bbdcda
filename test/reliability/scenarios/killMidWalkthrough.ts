import { anIdentity, httpUser } from '../support/chat';
import { Checks, type ScenarioResult } from '../support/report';
import type { Stack } from '../support/stack';
import { forwardButton, stepOf } from '../support/walkthrough';

/**
 * kill -9 in the middle of a walk-through: the practitioner presses the button on the card in view
 * after the restart and carries on from the step after the last one answered.
 */
export async function killMidWalkthrough(stack: Stack): Promise<ScenarioResult> {
  const checks = new Checks();
  const user = httpUser(stack.base, stack.connector, anIdentity(1, 'kill'));
  await user.say('prepare');
  const steps: Array<number | undefined> = [stepOf(user)];
  for (let i = 0; i < 3; i += 1) {
    const button = forwardButton(user);
    if (!button) break;
    await user.press(button.title);
    steps.push(stepOf(user));
  }
  const lastAnswered = steps.at(-1);
  await stack.bot?.kill9();
  await stack.startBot();
  const button = forwardButton(user);
  checks.check(button !== undefined, 'the card in view has a button to go on');
  let after: number | undefined;
  if (button) {
    await user.press(button.title);
    after = stepOf(user);
  }
  checks.check(
    lastAnswered !== undefined && after !== undefined && after >= lastAnswered,
    `after the restart the walk-through went on from step ${String(lastAnswered)} (got ${String(after)})`,
  );
  // The welcome card offers to carry on with the walk-through in progress.
  await user.say('help');
  const offersResume = user.buttons().some((b) => b.verb === 'coaching.resume');
  checks.check(offersResume, 'the menu offers to resume the walk-through');
  return {
    name: 'kill-9',
    counts: {
      stepsBeforeKill: steps.length,
      lastAnsweredStep: String(lastAnswered),
      stepAfterRestart: String(after),
      offersResume: offersResume ? 1 : 0,
    },
    failures: checks.failures,
  };
}
