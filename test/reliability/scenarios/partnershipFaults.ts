import {
  start as startIntake,
  type IntakeRequest,
  type ReceivedReferral,
} from '../../../src/dev/partnershipIntake/intakeServer';
import { fillEveryStep } from '../../support/referrals/formAnswers';
import { anIdentity, httpUser } from '../support/chat';
import { Checks, type ScenarioResult } from '../support/report';
import { partnershipSecret, type Stack } from '../support/stack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Referrals filled in and sent through the bot's form over HTTP while the partnership misbehaves:
 * 5xx answers, a timeout, an answer lost after the referral was stored, and an outage that lasts
 * across a kill -9 and restart of the bot. Each referral must be received exactly once.
 */
export async function partnershipFaults(stack: Stack): Promise<ScenarioResult> {
  const checks = new Checks();
  const sentIds: string[] = [];
  let user = 0;
  const sendOne = async (): Promise<void> => {
    user += 1;
    const practitioner = httpUser(stack.base, stack.connector, anIdentity(user, 'refer'));
    await practitioner.say('refer');
    await fillEveryStep(practitioner);
    await practitioner.press('Send the referral');
    const id = /\(([0-9a-f]{8})\)/i.exec(practitioner.text())?.[1]?.toLowerCase();
    if (!id)
      throw new Error(
        `no referral id on the card after Send: ${practitioner.text().slice(0, 200)}`,
      );
    sentIds.push(id);
  };

  const earlier: { received: ReceivedReferral[]; requests: IntakeRequest[] } = {
    received: [],
    requests: [],
  };
  stack.intake.failNext(2, 503);
  await sendOne();
  stack.intake.stallNext(1);
  await sendOne();
  stack.intake.dropResponseNext(1);
  await sendOne();
  // Let the first three get through before the outage, including the retry of the one whose
  // answer was lost (refused as a duplicate): this receiver's memory of keys ends with its restart,
  // a real partnership's does not.
  const deadline3 = Date.now() + 120_000;
  const settled = () =>
    stack.intake.received().length >= 3 &&
    stack.intake.requests().some((r) => r.outcome === 'duplicate');
  while (!settled() && Date.now() < deadline3) await sleep(500);

  // The outage: the receiver goes away, a referral is sent, the bot is killed and restarted,
  // and only then does the receiver come back (same address).
  const port = stack.intake.port;
  earlier.received.push(...stack.intake.received());
  earlier.requests.push(...stack.intake.requests());
  await stack.intake.stop();
  await sendOne();
  await sleep(3_000);
  await stack.bot?.kill9();
  await stack.startBot();
  await sleep(2_000);
  stack.intake = await startIntake({ secret: partnershipSecret, port });

  const deadline = Date.now() + 180_000;
  const allReceived = () => [...earlier.received, ...stack.intake.received()];
  while (allReceived().length < sentIds.length && Date.now() < deadline) await sleep(500);
  // Long enough for any stray retry to show up as a second delivery.
  await sleep(12_000);

  const received = allReceived();
  const requests = [...earlier.requests, ...stack.intake.requests()];
  const byShortId = new Map<string, number>();
  for (const r of received) {
    const short = r.idempotencyKey.slice(0, 8);
    byShortId.set(short, (byShortId.get(short) ?? 0) + 1);
  }
  const exactlyOnce = sentIds.filter((id) => byShortId.get(id) === 1).length;
  const outcomes = (o: IntakeRequest['outcome']) => requests.filter((r) => r.outcome === o).length;
  checks.check(
    exactlyOnce === sentIds.length,
    `${sentIds.length - exactlyOnce} referrals not received exactly once`,
  );
  checks.check(
    received.length === sentIds.length,
    `received ${received.length} for ${sentIds.length} sent`,
  );
  checks.check(
    outcomes('fault') >= 2 && outcomes('stalled') >= 1 && outcomes('dropped') >= 1,
    'every fault was exercised',
  );
  return {
    name: 'partnership-faults',
    counts: {
      referralsSent: sentIds.length,
      receivedExactlyOnce: exactlyOnce,
      received: received.length,
      attempts: requests.length,
      answered5xx: outcomes('fault'),
      timedOut: outcomes('stalled'),
      answerLost: outcomes('dropped'),
      duplicatesRefused: outcomes('duplicate'),
      botRestarts: 1,
    },
    failures: checks.failures,
  };
}
