import { z } from 'zod';
import type { DocumentStore, StoredItem } from '../kernel/documentStore';
import { AppError, isLostRace } from '../kernel/errors';
import { situationIds, type SituationId, type WordingLibrary } from '../content/wording/schema';

/**
 * "Helpful" / "not helpful" counts per phrasing, so the partnership can improve the wording.
 * Deliberately anonymous: a vote carries no user, tenant or conversation, so nothing stored here
 * can say who found what helpful. The price is that one person can vote twice; the card hides the
 * buttons once pressed, which is enough for a content signal.
 */
export const feedbackVotes = ['helpful', 'not-helpful'] as const;
export type FeedbackVote = (typeof feedbackVotes)[number];

/**
 * After "not helpful", one optional question: what was missing. Fixed answers only, counted like
 * the votes: free text could name a family, and nothing here may say who answered.
 */
export const missingReasons = [
  'not-my-situation',
  'would-not-say-it',
  'too-long',
  'no-next-step',
  'something-else',
] as const;
export type MissingReason = (typeof missingReasons)[number];

export interface FeedbackCounts {
  readonly helpful: number;
  readonly notHelpful: number;
}

export interface PhrasingFeedback extends FeedbackCounts {
  readonly situationId: SituationId;
  readonly phrasingId: string;
  /** The same counts split by library version, so a reworded phrasing is judged on its own. */
  readonly byVersion: Readonly<Record<string, FeedbackCounts>>;
  /** What was missing, as answered after "not helpful": counts per reason. */
  readonly missing?: Readonly<Partial<Record<MissingReason, number>>>;
}

export interface VoteInput {
  readonly situationId: SituationId;
  readonly phrasingId: string;
  readonly libraryVersion: string;
  readonly vote: FeedbackVote;
}

export interface MissingInput {
  readonly situationId: SituationId;
  readonly phrasingId: string;
  readonly reason: MissingReason;
}

export interface WordingFeedbackRepository {
  /** Adds one vote and returns the counts after it. Concurrent votes are never lost. */
  record(vote: VoteInput): Promise<PhrasingFeedback>;
  /** Counts one answer to "what was missing?"; concurrent answers are never lost. */
  recordMissing(answer: MissingInput): Promise<PhrasingFeedback>;
  /** Counts for one phrasing (zero when nobody has voted). */
  forPhrasing(situationId: SituationId, phrasingId: string): Promise<PhrasingFeedback>;
  /** Counts for every phrasing of a situation that has votes, in phrasing id order. */
  forSituation(situationId: SituationId): Promise<PhrasingFeedback[]>;
}

const counts = z.object({ helpful: z.number().int().min(0), notHelpful: z.number().int().min(0) });

/** What is stored: the counts and the ids that key them, nothing else. */
export const storedFeedbackSchema = counts.extend({
  situationId: z.enum(situationIds),
  phrasingId: z.string().min(1),
  byVersion: z.record(z.string(), counts),
  missing: z.partialRecord(z.enum(missingReasons), z.number().int().min(0)).optional(),
});

export type StoredFeedback = z.infer<typeof storedFeedbackSchema>;

/** Raised when a vote could not be stored after every retry (the store is too contended). */
export const feedbackContended = 'WORDING_FEEDBACK_CONTENDED';

export interface FeedbackRepositoryOptions {
  /** Read-modify-write attempts before giving up; each retry follows a lost race (412/409). */
  readonly maxAttempts?: number;
  /** Waits before retry `attempt` (1-based); jittered backoff by default, none in tests. */
  readonly backoff?: (attempt: number) => Promise<void>;
}

const defaultBackoff = (attempt: number): Promise<void> =>
  // Jitter spreads racing writers apart; the cap keeps a vote well inside one turn.
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** attempt)));

function empty(situationId: SituationId, phrasingId: string): StoredFeedback {
  return { situationId, phrasingId, helpful: 0, notHelpful: 0, byVersion: {} };
}

function bump(c: FeedbackCounts, vote: FeedbackVote): FeedbackCounts {
  return vote === 'helpful'
    ? { ...c, helpful: c.helpful + 1 }
    : { ...c, notHelpful: c.notHelpful + 1 };
}

function withVote(current: StoredFeedback, vote: VoteInput): StoredFeedback {
  const version = current.byVersion[vote.libraryVersion] ?? { helpful: 0, notHelpful: 0 };
  return {
    ...current,
    ...bump(current, vote.vote),
    byVersion: { ...current.byVersion, [vote.libraryVersion]: bump(version, vote.vote) },
  };
}

function withMissing(current: StoredFeedback, reason: MissingReason): StoredFeedback {
  const missing = current.missing ?? {};
  return { ...current, missing: { ...missing, [reason]: (missing[reason] ?? 0) + 1 } };
}

function parseStored(item: StoredItem<unknown>): StoredFeedback {
  const parsed = storedFeedbackSchema.safeParse(item.value);
  if (!parsed.success) {
    throw new AppError(
      'WORDING_FEEDBACK_CORRUPT',
      'A stored wording feedback document does not match its schema.',
    );
  }
  return parsed.data;
}

/**
 * Feedback over the `feedback` container: partition = situation id (so one partition read lists a
 * situation's phrasings), document id = phrasing id. Every write is If-Match on the etag read.
 */
export function createWordingFeedbackRepository(
  store: DocumentStore<unknown>,
  options: FeedbackRepositoryOptions = {},
): WordingFeedbackRepository {
  const maxAttempts = options.maxAttempts ?? 10;
  const backoff = options.backoff ?? defaultBackoff;

  type Ids = { readonly situationId: SituationId; readonly phrasingId: string };
  async function tryOnce(ids: Ids, change: (c: StoredFeedback) => StoredFeedback) {
    const key = { partitionKey: ids.situationId, id: ids.phrasingId };
    const existing = await store.read(key);
    if (existing === undefined) {
      const created = await store.create(key, change(empty(ids.situationId, ids.phrasingId)));
      return parseStored(created);
    }
    const next = change(parseStored(existing));
    return parseStored(await store.replace({ ...key, etag: existing.etag }, next));
  }

  async function update(ids: Ids, change: (c: StoredFeedback) => StoredFeedback) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await tryOnce(ids, change);
      } catch (err) {
        if (!isLostRace(err)) throw err;
        if (attempt >= maxAttempts) {
          throw new AppError(
            feedbackContended,
            `A wording vote lost ${attempt} races in a row and was not stored.`,
            {
              cause: err,
            },
          );
        }
        await backoff(attempt);
      }
    }
  }

  return {
    record: (vote) => update(vote, (current) => withVote(current, vote)),
    recordMissing: (answer) => update(answer, (current) => withMissing(current, answer.reason)),

    async forPhrasing(situationId, phrasingId) {
      const item = await store.read({ partitionKey: situationId, id: phrasingId });
      return item === undefined ? empty(situationId, phrasingId) : parseStored(item);
    },

    async forSituation(situationId) {
      return (await store.listPartition(situationId)).map(parseStored);
    },
  };
}

export type VoteOutcome =
  | { readonly kind: 'recorded'; readonly feedback: PhrasingFeedback }
  | { readonly kind: 'unknown-phrasing' };

/** The situation and phrasing the card named, if the library has them (card data can be stale or forged). */
function knownPhrasing(
  library: WordingLibrary,
  input: { readonly situationId: string; readonly phrasingId: string },
): { readonly situationId: SituationId; readonly phrasingId: string } | undefined {
  const situation = library.situations.find((s) => s.id === input.situationId);
  return situation?.phrasings.some((p) => p.id === input.phrasingId)
    ? { situationId: situation.id, phrasingId: input.phrasingId }
    : undefined;
}

/** The answer to "what was missing?", checked against the library like a vote. */
export async function answerWhatWasMissing(
  library: WordingLibrary,
  repository: WordingFeedbackRepository,
  input: {
    readonly situationId: string;
    readonly phrasingId: string;
    readonly reason: MissingReason;
  },
): Promise<VoteOutcome> {
  const ids = knownPhrasing(library, input);
  if (!ids) return { kind: 'unknown-phrasing' };
  return {
    kind: 'recorded',
    feedback: await repository.recordMissing({ ...ids, reason: input.reason }),
  };
}

/**
 * The use case behind the helpful / not helpful buttons: checks the ids against the library
 * before anything is stored, and stamps the library version.
 */
export async function voteOnPhrasing(
  library: WordingLibrary,
  repository: WordingFeedbackRepository,
  input: { readonly situationId: string; readonly phrasingId: string; readonly vote: FeedbackVote },
): Promise<VoteOutcome> {
  const ids = knownPhrasing(library, input);
  if (!ids) return { kind: 'unknown-phrasing' };
  const feedback = await repository.record({
    ...ids,
    libraryVersion: library.version,
    vote: input.vote,
  });
  return { kind: 'recorded', feedback };
}
