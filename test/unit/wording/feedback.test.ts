import assert from 'node:assert/strict';
import { loadWordingLibrary } from '../../../src/content/wording/loadLibrary';
import type { DocumentStore } from '../../../src/kernel/documentStore';
import { AppError, ErrorCodes, isAppError } from '../../../src/kernel/errors';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import {
  createWordingFeedbackRepository,
  feedbackContended,
  voteOnPhrasing,
  type VoteInput,
} from '../../../src/wording/feedback';
import { alwaysStale, RacingStore } from './support/racingStore';

const noWait = async (): Promise<void> => undefined;

function aVote(overrides: Partial<VoteInput> = {}): VoteInput {
  return {
    situationId: 'minimises',
    phrasingId: 'minimises-name-it',
    libraryVersion: '2026.11.0',
    vote: 'helpful',
    ...overrides,
  };
}

describe('wording feedback', () => {
  let storage: InMemoryStorage;
  let store: DocumentStore<unknown>;

  beforeEach(() => {
    storage = new InMemoryStorage();
    store = storage.collection<unknown>('feedback');
  });

  afterEach(async () => {
    await storage.close();
  });

  it('counts helpful and not-helpful votes per phrasing, in total and per library version', async () => {
    const repo = createWordingFeedbackRepository(store, { backoff: noWait });
    await repo.record(aVote());
    await repo.record(aVote({ vote: 'not-helpful' }));
    const after = await repo.record(aVote({ libraryVersion: '2026.12.0' }));
    assert.equal(after.helpful, 2);
    assert.equal(after.notHelpful, 1);
    assert.deepEqual(after.byVersion, {
      '2026.11.0': { helpful: 1, notHelpful: 1 },
      '2026.12.0': { helpful: 1, notHelpful: 0 },
    });
    const other = await repo.forPhrasing('minimises', 'minimises-one-off');
    assert.deepEqual([other.helpful, other.notHelpful], [0, 0]);
  });

  it('keeps one partition per situation, listing its phrasings', async () => {
    const repo = createWordingFeedbackRepository(store, { backoff: noWait });
    await repo.record(aVote({ phrasingId: 'minimises-one-off' }));
    await repo.record(aVote());
    await repo.record(aVote({ situationId: 'angry', phrasingId: 'angry-calm' }));
    assert.deepEqual(
      (await repo.forSituation('minimises')).map((f) => f.phrasingId),
      ['minimises-name-it', 'minimises-one-off'],
    );
  });

  it('stores counts and ids only: nothing about who voted', async () => {
    const repo = createWordingFeedbackRepository(store, { backoff: noWait });
    await repo.record(aVote());
    const stored = await store.read({ partitionKey: 'minimises', id: 'minimises-name-it' });
    assert.deepEqual(Object.keys(stored?.value ?? {}).sort(), [
      'byVersion',
      'helpful',
      'notHelpful',
      'phrasingId',
      'situationId',
    ]);
  });

  it('loses no vote when many arrive at once (If-Match and retry on 412)', async () => {
    const racing = new RacingStore(store);
    const repo = createWordingFeedbackRepository(racing, { backoff: noWait, maxAttempts: 100 });
    const votes = Array.from({ length: 40 }, (_, i) =>
      aVote({ vote: i % 4 === 0 ? 'not-helpful' : 'helpful' }),
    );
    await Promise.all(votes.map((v) => repo.record(v)));
    const final = await repo.forPhrasing('minimises', 'minimises-name-it');
    assert.equal(final.helpful, 30);
    assert.equal(final.notHelpful, 10);
    assert.ok(racing.lostRaces > 0, 'the test should have made writers race');
  });

  it('gives up with a coded error after the last attempt, having waited between tries', async () => {
    const waits: number[] = [];
    const repo = createWordingFeedbackRepository(alwaysStale(store), {
      maxAttempts: 3,
      backoff: async (attempt) => {
        waits.push(attempt);
      },
    });
    await assert.rejects(repo.record(aVote()), (err: unknown) =>
      isAppError(err, feedbackContended),
    );
    assert.deepEqual(waits, [1, 2]);
  });

  it('does not retry what is not a lost race', async () => {
    let reads = 0;
    const broken: DocumentStore<unknown> = {
      ...store,
      read: async () => {
        reads += 1;
        throw new AppError(ErrorCodes.storeUnavailable, 'down (test)');
      },
    };
    const repo = createWordingFeedbackRepository(broken, { backoff: noWait });
    await assert.rejects(repo.record(aVote()), (err: unknown) =>
      isAppError(err, ErrorCodes.storeUnavailable),
    );
    assert.equal(reads, 1);
  });

  describe('voting from a card', () => {
    const library = loadWordingLibrary();

    it('records a vote for a phrasing of the library, stamped with its version', async () => {
      const repo = createWordingFeedbackRepository(store, { backoff: noWait });
      const outcome = await voteOnPhrasing(library, repo, {
        situationId: 'angry',
        phrasingId: 'angry-leave',
        vote: 'helpful',
      });
      assert.equal(outcome.kind, 'recorded');
      assert.ok(
        outcome.kind === 'recorded' && outcome.feedback.byVersion[library.version]?.helpful === 1,
      );
    });

    it('stores nothing for ids the library does not have (stale or forged card data)', async () => {
      const repo = createWordingFeedbackRepository(store, { backoff: noWait });
      for (const input of [
        { situationId: 'angry', phrasingId: 'minimises-name-it' },
        { situationId: 'nope', phrasingId: 'angry-leave' },
      ]) {
        assert.deepEqual(await voteOnPhrasing(library, repo, { ...input, vote: 'helpful' }), {
          kind: 'unknown-phrasing',
        });
      }
      assert.deepEqual(await store.listPartition('angry'), []);
    });
  });
});
