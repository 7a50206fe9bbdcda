import { randomUUID } from 'node:crypto';
import { itemKey as sessionItemKey } from '../coaching/sessionRepository';
import type { RememberedConversation } from '../conversations/conversationDirectory';
import type { DocumentStore, ItemKey, StoredItem } from '../kernel/documentStore';
import { AppError, ErrorCodes, isAppError } from '../kernel/errors';
import { documentIdFor } from '../kernel/hash';
import type { ConfidenceAnswer } from '../outcomes/confidenceAnswers';
import { quizAnswerPartition, type QuizAnswer } from '../nudges/quizzes/quizAnswers';
import { compactTime, type AccessAction } from '../referrals/records/accessTrail';
import { draftItemKey } from '../referrals/form/draft';
import { receiptItemKey } from '../referrals/receipt/receipts';
import { profileItemKey } from '../referrals/form/referrerProfile';
import { isFinal, toAuditRecord, type ReferralRecord } from '../referrals/records/referralRecord';
import { referralKey } from '../referrals/records/referralStores';
import { daySeconds } from '../tenants/retention';
import type { AdminActor, DataProtectionAdmin } from './dataProtectionAdmin';

export const subjectRequestKinds = [
  'practitioner-export',
  'practitioner-erase',
  'referral-export',
  'referral-erase',
] as const;

export type SubjectRequestKind = (typeof subjectRequestKinds)[number];

/**
 * The record of one subject request, in the `audit` container (partition `<tenant>:requests`):
 * who ran it, when, whose data (a one-way fingerprint, never the id or reference itself), and
 * what was affected (counts and referral ids). No content.
 */
export interface SubjectRequestRecord {
  readonly kind: 'subject-request';
  readonly tenantId: string;
  readonly request: SubjectRequestKind;
  readonly actor: string;
  readonly subjectFingerprint: string;
  readonly at: string;
  readonly affected: Readonly<Record<string, number>>;
  readonly referralIds: readonly string[];
}

export const requestsPartition = (tenantId: string): string => `${tenantId}:requests`;

/** A referral a practitioner made, as their export shows it: their own details and its status. */
export interface ReferralMadeExport {
  readonly referralId: string;
  readonly status: ReferralRecord['status'];
  readonly submittedAt: string;
  readonly reference?: string;
  /** The referrer section as sent (their own details), while the body is held. */
  readonly referrer?: unknown;
}

export interface PractitionerExport {
  readonly tenantId: string;
  readonly userObjectId: string;
  readonly session?: unknown;
  readonly draft?: unknown;
  readonly referrerProfile?: unknown;
  readonly conversations: readonly RememberedConversation[];
  readonly confidenceAnswers: readonly ConfidenceAnswer[];
  readonly quizAnswers: readonly QuizAnswer[];
  readonly referralsMade: readonly ReferralMadeExport[];
  readonly receipts: readonly unknown[];
}

export interface ErasureReport {
  readonly affected: Readonly<Record<string, number>>;
  /** Referrals they made: kept as the council's record (redacted when asked). */
  readonly referralsKept: readonly string[];
  /** Referrals still being delivered: not redacted now (redact once final). */
  readonly referralsInDelivery: readonly string[];
}

const redacted = '[redacted]';

/** Subject access and erasure: for a practitioner (by Entra object id) or a referral's subjects. */
export class SubjectRequests {
  private readonly requests: DocumentStore<SubjectRequestRecord>;

  constructor(private readonly admin: DataProtectionAdmin) {
    this.requests = admin.deps.storage.collection<SubjectRequestRecord>('audit');
  }

  private get storage() {
    return this.admin.deps.storage;
  }

  /** Everything held about one practitioner in one council, as JSON. */
  async exportPractitioner(
    actor: AdminActor,
    tenantId: string,
    userId: string,
  ): Promise<PractitionerExport> {
    const found = await this.practitionerData(tenantId, userId);
    for (const r of found.referrals) await this.onTrail(actor, r.value, 'admin-export');
    const exported: PractitionerExport = {
      tenantId,
      userObjectId: userId,
      session: found.session?.value,
      draft: found.draft?.value,
      referrerProfile: found.profile?.value,
      conversations: found.conversations.map((c) => c.value),
      confidenceAnswers: found.confidence.map((c) => c.value),
      quizAnswers: found.quizzes.map((q) => q.value),
      referralsMade: found.referrals.map(({ value: r }) => ({
        referralId: r.id,
        status: r.status,
        submittedAt: r.submittedAt,
        ...(r.reference === undefined ? {} : { reference: r.reference }),
        ...(r.body === undefined ? {} : { referrer: r.body.referrer }),
      })),
      receipts: found.receipts.map((r) => r.value),
    };
    await this.recordRequest(actor, tenantId, 'practitioner-export', userId, found.counts(), []);
    return exported;
  }

  /**
   * Erases a practitioner's sessions, drafts, remembered details, receipts, conversation
   * references, confidence answers and quiz answers. Referrals they made stay as the council's record; with
   * `redactReferrer` their contact details (name, email, phone) and their object id are redacted.
   */
  async erasePractitioner(
    actor: AdminActor,
    tenantId: string,
    userId: string,
    options: { readonly redactReferrer: boolean },
  ): Promise<ErasureReport> {
    const found = await this.practitionerData(tenantId, userId);
    const drafts = this.storage.collection('drafts');
    const deleteAll = async (store: DocumentStore<unknown>, items: StoredItem<unknown>[]) => {
      for (const i of items) await store.delete({ partitionKey: i.partitionKey, id: i.id });
    };
    await deleteAll(this.storage.collection('sessions'), found.session ? [found.session] : []);
    await deleteAll(drafts, [found.draft, found.profile].filter(isItem));
    await deleteAll(drafts, found.receipts);
    await deleteAll(this.storage.collection('conversations'), found.conversations);
    await deleteAll(this.storage.collection('outcomes'), [...found.confidence, ...found.quizzes]);

    const inDelivery: string[] = [];
    if (options.redactReferrer) {
      for (const item of found.referrals) {
        if (!isFinal(item.value.status)) {
          inDelivery.push(item.value.id);
          continue;
        }
        await this.replaceReferral(item, redactReferrer(item.value));
        await this.onTrail(actor, item.value, 'referrer-redacted');
      }
    }
    const referralIds = found.referrals.map((r) => r.value.id);
    const affected = {
      ...found.counts(),
      referralsRedacted: options.redactReferrer ? referralIds.length - inDelivery.length : 0,
    };
    await this.recordRequest(actor, tenantId, 'practitioner-erase', userId, affected, referralIds);
    return { affected, referralsKept: referralIds, referralsInDelivery: inDelivery };
  }

  /** Referrals about a father or partner, found by the partnership's reference; recorded as exported. */
  async exportByReference(
    actor: AdminActor,
    tenantId: string,
    reference: string,
  ): Promise<ReferralRecord[]> {
    const items = (
      await this.storage.collection<ReferralRecord>('referrals').listPartition(tenantId)
    ).filter((i) => i.value.reference === reference);
    for (const i of items) await this.onTrail(actor, i.value, 'admin-export');
    await this.recordRequest(
      actor,
      tenantId,
      'referral-export',
      reference,
      { referrals: items.length },
      items.map((i) => i.value.id),
    );
    return items.map((i) => i.value);
  }

  /**
   * Erases one referral's body where the council decides, leaving the audit record (who, when,
   * status, reference, fingerprint) and its trail. Refused while the referral is being delivered.
   */
  async eraseReferralBody(
    actor: AdminActor,
    tenantId: string,
    referralId: string,
  ): Promise<'erased' | 'already-gone' | 'in-delivery' | 'not-found'> {
    const item = await this.admin.stores.referrals.read(referralKey(tenantId, referralId));
    if (!item) return 'not-found';
    if (!isFinal(item.value.status)) return 'in-delivery';
    const outcome = item.value.bodyPurgedAt === undefined ? 'erased' : 'already-gone';
    if (outcome === 'erased') {
      await this.replaceReferral(item, toAuditRecord(item.value, this.now()));
      await this.onTrail(actor, item.value, 'body-erased');
    }
    await this.recordRequest(
      actor,
      tenantId,
      'referral-erase',
      referralId,
      { bodiesErased: outcome === 'erased' ? 1 : 0 },
      [referralId],
    );
    return outcome;
  }

  /** The council's subject requests, oldest first. */
  async list(tenantId: string): Promise<SubjectRequestRecord[]> {
    return (await this.requests.listPartition(requestsPartition(tenantId))).map((i) => i.value);
  }

  private now(): string {
    return this.admin.deps.clock.now().toISOString();
  }

  private async practitionerData(tenantId: string, userId: string) {
    const key = { tenantId, userId };
    const drafts = this.storage.collection<unknown>('drafts');
    const read = (store: DocumentStore<unknown>, k: ItemKey) => store.read(k);
    const respondents = this.admin.deps.respondents;
    if (!respondents) {
      throw new AppError(
        ErrorCodes.configInvalid,
        'RESPONDENT_ID_SECRET is not set: confidence answers cannot be found without it.',
      );
    }
    const respondent = respondents.of(tenantId, userId);
    const mine = <T extends { readonly respondent: string }>(items: StoredItem<T>[]) =>
      items.filter((i) => i.value.respondent === respondent);
    const [session, draft, profile, conversations, confidence, quizzes, referrals] =
      await Promise.all([
        read(this.storage.collection('sessions'), sessionItemKey(key)),
        read(drafts, draftItemKey(key)),
        read(drafts, profileItemKey(key)),
        this.storage
          .collection<RememberedConversation>('conversations')
          .listPartition(tenantId)
          .then((all) => all.filter((c) => c.value.userObjectId === userId)),
        this.storage.collection<ConfidenceAnswer>('outcomes').listPartition(tenantId).then(mine),
        this.storage
          .collection<QuizAnswer>('outcomes')
          .listPartition(quizAnswerPartition(tenantId))
          .then(mine),
        this.storage
          .collection<ReferralRecord>('referrals')
          .listPartition(tenantId)
          .then((all) => all.filter((r) => r.value.referrerId === userId)),
      ]);
    const receipts = (
      await Promise.all(referrals.map((r) => drafts.read(receiptItemKey(tenantId, r.value.id))))
    ).filter(isItem);
    return {
      session,
      draft,
      profile,
      conversations,
      confidence,
      quizzes,
      referrals,
      receipts,
      counts: () => ({
        sessions: session ? 1 : 0,
        drafts: draft ? 1 : 0,
        referrerProfiles: profile ? 1 : 0,
        receipts: receipts.length,
        conversations: conversations.length,
        confidenceAnswers: confidence.length,
        quizAnswers: quizzes.length,
        referralsMade: referrals.length,
      }),
    };
  }

  private async replaceReferral(
    item: StoredItem<ReferralRecord>,
    next: ReferralRecord,
  ): Promise<void> {
    const days = await this.admin.retention.daysFor(item.value.tenantId, 'auditRecords');
    try {
      // Now an audit record (or a redacted one): kept for the audit period.
      await this.admin.stores.referrals.replace(
        { partitionKey: item.partitionKey, id: item.id, etag: item.etag },
        next,
        next.body === undefined ? { ttlSeconds: days * daySeconds } : undefined,
      );
    } catch (err) {
      if (isAppError(err, ErrorCodes.storePreconditionFailed)) {
        throw new AppError(
          ErrorCodes.storePreconditionFailed,
          'The referral changed while this ran (delivery or purge): run it again.',
          { cause: err },
        );
      }
      throw err;
    }
  }

  private onTrail(actor: AdminActor, record: ReferralRecord, action: AccessAction) {
    return this.admin.trail.record({
      tenantId: record.tenantId,
      referralId: record.id,
      actor: actor.objectId,
      actorRole: 'admin',
      action,
    });
  }

  private async recordRequest(
    actor: AdminActor,
    tenantId: string,
    request: SubjectRequestKind,
    subject: string,
    affected: Record<string, number>,
    referralIds: string[],
  ): Promise<void> {
    const at = this.now();
    await this.requests.create(
      { partitionKey: requestsPartition(tenantId), id: `${compactTime(at)}.${randomUUID()}` },
      {
        kind: 'subject-request',
        tenantId,
        request,
        actor: actor.objectId,
        subjectFingerprint: documentIdFor(`${tenantId}:${subject}`).slice(0, 32),
        at,
        affected,
        referralIds,
      },
      { ttlSeconds: (await this.admin.retention.daysFor(tenantId, 'auditRecords')) * daySeconds },
    );
  }
}

const isItem = <T>(i: StoredItem<T> | undefined): i is StoredItem<T> => i !== undefined;

/** The record with the referrer's contact details and object id redacted. */
function redactReferrer(record: ReferralRecord): ReferralRecord {
  const body = record.body;
  return {
    ...record,
    referrerId: redacted,
    ...(body === undefined
      ? {}
      : {
          body: {
            ...body,
            referrer: { ...body.referrer, name: redacted, email: redacted, phone: undefined },
          },
        }),
  };
}
