import { loadQuizzes } from '../../../src/content/nudges/loadQuizzes';
import { loadTips } from '../../../src/content/nudges/loadTips';
import type { CardSender, ConversationAddress } from '../../../src/conversations/cardSender';
import { StoredConversationDirectory } from '../../../src/conversations/conversationDirectory';
import type { CardJson } from '../../../src/kernel/cardRenderer';
import type { Storage } from '../../../src/kernel/documentStore';
import type { NudgeRecord } from '../../../src/nudges/model';
import { sendNow } from '../../../src/nudges/nudges';
import { NudgeWorker } from '../../../src/nudges/nudgeWorker';
import { quizChooser } from '../../../src/nudges/quizzes/quizChooser';
import { QuizAnswers, type QuizAnswer } from '../../../src/nudges/quizzes/quizAnswers';
import { refresherCards } from '../../../src/nudges/refresherCards';
import { nudgeKey, nudgeStores } from '../../../src/nudges/stores';
import { ConfidenceAnswers, type ConfidenceAnswer } from '../../../src/outcomes/confidenceAnswers';
import { checkInView } from '../../../src/outcomes/views';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import { StoredInstalledTeams, type InstalledTeam } from '../../../src/teams/installedTeams';
import { genericLocalContacts } from '../../../src/tenants/localContacts';
import { fixedTtl } from '../../../src/tenants/retention';
import { cardCatalog } from '../adaptiveCards';
import { capturedLogger } from '../capturedLogs';
import { testRespondents } from '../outcomes/builders';
import { ManualClock, seededRandom } from '../referrals/deliveryFakes';

export const quizWorldTenant = '00000000-0000-4000-8000-00000000aaaa';
export const quizWorldTeam = '19:fake-quiz-team@thread.tacv2';

/** A channel that keeps every card it was asked to send, per recipient (channel user id). */
export class RecordingChannel implements CardSender {
  readonly cards = new Map<string, CardJson[]>();

  send(address: ConversationAddress, card: CardJson): Promise<string> {
    const userId = String((address.user as { id: string }).id);
    this.cards.set(userId, [...(this.cards.get(userId) ?? []), card]);
    return Promise.resolve(`activity-${userId}`);
  }

  update(): Promise<void> {
    return Promise.resolve();
  }

  createPersonalConversation(
    _from: ConversationAddress,
    member: { userId: string },
  ): Promise<ConversationAddress> {
    return Promise.resolve({
      conversation: { id: `a:chat-${member.userId}` },
      user: { id: member.userId },
    });
  }
}

/** Obviously fake team members. */
export function fakeMembers(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    userId: `29:member-${i}`,
    aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  }));
}

/**
 * The nudge engine wired for quizzes as production wires it (the real card templates, quiz
 * chooser, quiz and confidence answers under the test pseudonym key), on a storage of the caller's
 * choosing, a manual clock and a channel that records each recipient's cards.
 */
export async function aQuizWorld(
  options: { members?: number; storage?: Storage; clock?: ManualClock } = {},
) {
  const clock = options.clock ?? new ManualClock('2026-12-01T10:00:00.000Z');
  const storage = options.storage ?? new InMemoryStorage({ clock });
  const stores = nudgeStores(storage);
  const roster = fakeMembers(options.members ?? 6);
  const teams = new StoredInstalledTeams(storage.collection<InstalledTeam>('nudges'), clock);
  await teams.record({
    tenantId: quizWorldTenant,
    teamId: quizWorldTeam,
    serviceUrl: 'https://smba.example.test/',
    reference: { conversation: { id: quizWorldTeam } },
  });
  const quizzes = loadQuizzes();
  const tips = loadTips();
  const quizAnswers = new QuizAnswers(
    storage.collection<QuizAnswer>('outcomes'),
    clock,
    testRespondents,
    fixedTtl('quizAnswers'),
  );
  const confidence = new ConfidenceAnswers(
    storage.collection<ConfidenceAnswer>('outcomes'),
    clock,
    testRespondents,
  );
  const channel = new RecordingChannel();
  const logs = capturedLogger();
  const renderer = cardCatalog().renderer;
  const worker = (holder = 'a') =>
    new NudgeWorker(
      {
        stores,
        sender: channel,
        teams,
        conversations: new StoredConversationDirectory(storage.collection('conversations'), clock),
        rosters: {
          pagesOf: async function* () {
            yield roster;
          },
        },
        cardFor: refresherCards({
          renderer,
          tips,
          quizzes,
          checkIn: (teamId, checkInId) =>
            renderer.renderView(
              checkInView(
                { intro: 'Fake intro.', submit: 'Send', questions: [], scale: [] },
                { moment: 'refresher', checkInId, ...(teamId ? { teamId } : {}) },
              ),
            ),
          contactsFor: () => Promise.resolve(genericLocalContacts),
        }),
        chooseQuiz: quizChooser({ stores, quizzes, answers: quizAnswers, confidence, clock }),
        clock,
        sleeper: {
          sleep: (ms) => {
            clock.advance(ms);
            return Promise.resolve();
          },
        },
        random: seededRandom(5),
        logger: logs.logger,
        ttlFor: fixedTtl('nudgeDeliveries'),
      },
      { holder },
    );
  const send = (content: NudgeRecord['content'] = { kind: 'quiz' }) =>
    sendNow(
      { stores, clock, wake: () => undefined },
      {
        tenantId: quizWorldTenant,
        managerId: 'fake-manager',
        audience: { kind: 'team', teamId: quizWorldTeam },
        content,
      },
    );
  /** A schedule's occurrence, as the scheduler writes it: a nudge record with its schedule id. */
  const occurrence = async (scheduleId: string, at: string, content: NudgeRecord['content']) => {
    const nudge: NudgeRecord = {
      tenantId: quizWorldTenant,
      nudgeId: `${scheduleId}-${at.slice(0, 10)}`,
      occurrence: at,
      scheduleId,
      content,
      audience: { kind: 'team', teamId: quizWorldTeam },
      sentBy: 'fake-manager-fingerprint',
      state: 'expanding',
      createdAt: clock.now().toISOString(),
    };
    await stores.nudges.create(nudgeKey(quizWorldTenant, nudge.nudgeId), nudge);
    return nudge;
  };
  return {
    clock,
    storage,
    stores,
    roster,
    quizzes,
    quizAnswers,
    confidence,
    channel,
    logs,
    worker,
    send,
    occurrence,
  };
}
