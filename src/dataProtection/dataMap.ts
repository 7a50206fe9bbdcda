import type { CoachingSession } from '../coaching/session';
import type { RememberedConversation } from '../conversations/conversationDirectory';
import type { SubjectRequestRecord } from '../admin/subjectRequests';
import type { ContainerName } from '../kernel/documentStore';
import type { ConfidenceAnswer } from '../outcomes/confidenceAnswers';
import type { QuizAnswer } from '../nudges/quizzes/quizAnswers';
import type { AccessEntry } from '../referrals/records/accessTrail';
import type { ReferralDraft } from '../referrals/form/draft';
import type { ReceiptRecord } from '../referrals/receipt/receipts';
import type { RememberedReferrer } from '../referrals/form/referrerProfile';
import type { ReferralRecord } from '../referrals/records/referralRecord';
import type {
  DeliverEntry,
  NotifyEntry,
  PurgeEntry,
  WorkerLeaseEntry,
} from '../referrals/records/referralStores';
import type { RetainedRecord } from '../tenants/retention';
import type { TenantSettings } from '../tenants/tenantSettings';
import type { DeliveryRecord, NudgeRecord } from '../nudges/model';
import type { OptOutRecord } from '../nudges/stores';
import type { ScheduleRecord } from '../nudges/schedules/model';
import type { SenderLeaseRecord } from '../nudges/senderLease';
import type { InstalledTeam } from '../teams/installedTeams';
import type { StoredFeedback } from '../wording/feedback';

/** Whose personal data a field holds. */
export type DataSubject =
  | 'practitioner'
  | 'father'
  | 'partner'
  | 'children'
  | 'other family'
  | 'other professionals'
  | 'council staff';

/** One stored field: what it is, and whose data (none: no personal data). */
export interface FieldEntry {
  readonly what: string;
  readonly subjects: readonly DataSubject[];
  /** May hold special-category data (UK GDPR Article 9). */
  readonly special?: true;
  /** May hold criminal-offence data (UK GDPR Article 10). */
  readonly criminal?: true;
}

/** Every field of a stored value, declared: a field added to the type without one fails to compile. */
export type FieldsOf<T> = { readonly [K in keyof T]-?: FieldEntry };

export interface RecordType {
  readonly name: string;
  /** Partition key and document id. */
  readonly key: string;
  readonly why: string;
  readonly lawfulBasis: string;
  readonly readers: string;
  /** The retention setting that sets its TTL, or how long it lives when no setting applies. */
  readonly retention: RetainedRecord | { readonly fixed: string };
  readonly deletion: string;
  readonly fields: Readonly<Record<string, FieldEntry>>;
}

export interface ContainerEntry {
  readonly purpose: string;
  readonly records: readonly RecordType[];
}

const none = (what: string): FieldEntry => ({ what, subjects: [] });
const about = (what: string, ...subjects: DataSubject[]): FieldEntry => ({ what, subjects });
const sensitive = (what: string, ...subjects: DataSubject[]): FieldEntry => ({
  what,
  subjects,
  special: true,
  criminal: true,
});

const publicTask = 'UK GDPR Art. 6(1)(e) public task (the council’s safeguarding duties)';
const safeguarding =
  `${publicTask}; special category: Art. 9(2)(g) with DPA 2018 Sch. 1 para 18 (safeguarding of ` +
  'children and individuals at risk); criminal-offence data: DPA 2018 s.10(5) with Sch. 1 para 18';
const ttlDeletion =
  'Cosmos DB deletes it when its TTL runs out; erased earlier by a subject request';
const appOnly = 'the app (managed identity); the practitioner themself, through the bot';
const noPersonalData = 'no personal data';

const sessionFields: FieldsOf<CoachingSession> = {
  schemaVersion: none('document shape version'),
  packVersion: none('content pack version'),
  mode: none('prepare or debrief'),
  status: none('active, paused or completed'),
  stepId: none('current step of the walk-through'),
  revision: none('change counter'),
  startedAt: none('time'),
  updatedAt: none('time'),
  expiresAt: none('when the walk-through is treated as gone'),
  path: sensitive(
    "steps taken: answers, ticked items, safety categories raised, and the practitioner's own notes (free text: may describe him, his partner and the children)",
    'practitioner',
    'father',
    'partner',
    'children',
  ),
  pending: sensitive(
    'notes typed on a step and kept when another button on that card was pressed (free text: may describe him, his partner and the children), until the step is answered',
    'practitioner',
    'father',
    'partner',
    'children',
  ),
  draft: sensitive(
    'risk signs ticked and "what if…" guidance looked at on a step, kept when another button on that card was pressed, until the step is left',
    'practitioner',
    'father',
    'partner',
    'children',
  ),
  typedRisks: sensitive(
    'danger the practitioner typed in the chat during the walk-through (the safety categories and the words that raised them), kept once for the summary\'s "risks noted"',
    'practitioner',
    'father',
    'partner',
    'children',
  ),
};

const draftFields: FieldsOf<ReferralDraft> = {
  schemaVersion: none('document shape version'),
  status: none('editing or sending'),
  revision: none('change counter'),
  place: none('step of the form'),
  values: sensitive(
    'the answers so far, as the cards hold them: any referral field (see the referral body)',
    'practitioner',
    'father',
    'partner',
    'children',
    'other professionals',
  ),
  childCount: about('number of children entered', 'children'),
  itemCounts: none('number of other agencies entered'),
  openChild: none('which child or agency card is open'),
  openGroup: none('children or agencies, for the open card'),
  completed: none('steps that passed validation'),
  corrections: about("the partnership's requested corrections (its words)", 'father'),
  source: none('how the draft was started'),
  referralId: none('id chosen when Send was pressed'),
  startedAt: none('time'),
  updatedAt: none('time'),
};

const profileFields: FieldsOf<RememberedReferrer> = {
  role: about('job role', 'practitioner'),
  team: about('team', 'practitioner'),
  organisation: about('organisation', 'practitioner'),
  phone: about('work phone', 'practitioner'),
  updatedAt: none('time'),
};

const receiptFields: FieldsOf<ReceiptRecord> = {
  schemaVersion: none('document shape version'),
  tenantId: none('Teams tenant (the council)'),
  referralId: none('referral id'),
  conversationId: about('Teams conversation id of the personal chat', 'practitioner'),
  activityId: none('Teams message id of the receipt card'),
  reference: about(
    'opaque conversation reference (ids and service URL; display names stripped)',
    'practitioner',
  ),
  shownStatus: none('status the card shows'),
  alertedStatus: none('status a needs-attention message was posted for'),
  createdAt: none('time'),
  updatedAt: none('time'),
};

const referralFieldsMap: FieldsOf<ReferralRecord> = {
  schemaVersion: none('document shape version'),
  id: none('referral id (the Idempotency-Key)'),
  tenantId: none('Teams tenant (the council)'),
  referrerId: about("the referrer's Entra object id", 'practitioner'),
  status: none('queued, sent, rejected or failed'),
  submittedAt: none('time'),
  updatedAt: none('time'),
  statusChangedAt: none('time'),
  deadlineAt: none('delivery deadline'),
  attempts: none('delivery attempts'),
  nextAttemptAt: none('time'),
  lease: none('which worker is sending it, until when'),
  lastFailure: none('why the last attempt failed (our codes)'),
  reference: about("the partnership's reference for the referral", 'father'),
  sentAt: none('time'),
  rejection: about(
    "the partnership's reasons for sending it back (may quote the referral)",
    'father',
    'partner',
  ),
  purgeAfter: none('when the body is purged'),
  bodyPurgedAt: none('when the body was purged'),
  bodySha256: none('fingerprint of the exact body sent'),
  body: sensitive(
    'everything the form asked: see "Referral body fields" below',
    'practitioner',
    'father',
    'partner',
    'children',
    'other family',
    'other professionals',
  ),
};

const outboxCommon = {
  kind: none('deliver, purge or notify'),
  referralId: none('referral id'),
  tenantId: none('Teams tenant (the council)'),
  dueAt: none('time'),
};
const deliverFields: FieldsOf<DeliverEntry> = { ...outboxCommon, createdAt: none('time') };
const purgeFields: FieldsOf<PurgeEntry> = outboxCommon;
const notifyFields: FieldsOf<NotifyEntry> = {
  ...outboxCommon,
  createdAt: none('time'),
  attempts: none('failed attempts to tell the referrer'),
};

const conversationFields: FieldsOf<RememberedConversation> = {
  tenantId: none('Teams tenant (the council)'),
  conversationId: about('Teams conversation id', 'practitioner'),
  kind: none('personal, group chat or channel'),
  userObjectId: about("the user's Entra object id (personal chats only)", 'practitioner'),
  reference: about(
    'opaque conversation reference (ids and service URL; display names stripped)',
    'practitioner',
  ),
  updatedAt: none('time'),
};

const confidenceFields: FieldsOf<ConfidenceAnswer> = {
  tenantId: none('Teams tenant (the council)'),
  respondent: about(
    'pseudonym: HMAC-SHA256 of tenant and user id under RESPONDENT_ID_SECRET, to pair a baseline with later answers',
    'practitioner',
  ),
  checkInId: none('the check-in card it was given on (answered once per card)'),
  moment: none('when it was asked: first use, after a walk-through, or in a nudge'),
  question: none('which of the two questions'),
  answer: about('the answer on the five-point agreement scale (1-5)', 'practitioner'),
  answeredAt: none('time'),
  teamId: about(
    "the Teams team of the nudge that asked it, or of the person's latest nudge",
    'practitioner',
  ),
};

const quizAnswerFields: FieldsOf<QuizAnswer> = {
  tenantId: none('Teams tenant (the council)'),
  respondent: about(
    'pseudonym: HMAC-SHA256 of tenant and user id under RESPONDENT_ID_SECRET (the same as confidence answers), to choose their next quiz',
    'practitioner',
  ),
  nudgeId: none('the nudge that sent the quiz'),
  occurrence: none('which send of the nudge'),
  scheduleId: none('the schedule the send belongs to, if any'),
  quizId: none('which quiz'),
  choice: about('the reply they chose (a, b or c)', 'practitioner'),
  correct: about('whether it was the best reply', 'practitioner'),
  answeredAt: none('time'),
};

const feedbackFields: FieldsOf<StoredFeedback> = {
  situationId: none('wording situation'),
  phrasingId: none('phrasing'),
  helpful: none('count'),
  notHelpful: none('count'),
  byVersion: none('counts by library version'),
  missing: none(
    "counts of what was missing after 'not helpful' (chosen from a fixed list, no identity)",
  ),
};

const leaseFields: FieldsOf<WorkerLeaseEntry> = {
  kind: none('lease'),
  owner: none('worker instance id (random)'),
  until: none('time'),
};

const accessFields: FieldsOf<AccessEntry> = {
  kind: none('access'),
  tenantId: none('Teams tenant (the council)'),
  referralId: none('referral id'),
  actor: about(
    'Entra object id of whoever read the body (referrer or admin)',
    'practitioner',
    'council staff',
  ),
  actorRole: none('referrer or admin'),
  action: none(
    'what was done: receipt viewed, corrections opened, admin export, body erased, referrer redacted',
  ),
  at: none('time'),
};

const requestFields: FieldsOf<SubjectRequestRecord> = {
  kind: none('subject-request'),
  tenantId: none('Teams tenant (the council)'),
  request: none('practitioner export or erasure, referral export or erasure'),
  actor: about('Entra object id of the admin who ran it', 'council staff'),
  subjectFingerprint: about(
    'one-way fingerprint of whose data it was (user id, reference or referral id), to answer "was my request met?"',
    'practitioner',
    'father',
    'partner',
  ),
  at: none('time'),
  affected: none('how many records of each kind were exported or erased'),
  referralIds: none('referral ids affected'),
};

const nudgeFields: FieldsOf<NudgeRecord> = {
  tenantId: none('Teams tenant (the council)'),
  nudgeId: none('random id'),
  occurrence: none('which send of the nudge'),
  scheduleId: none('the schedule it came from (random id), if any'),
  content: none('the tip id, the check-in, or a quiz'),
  audience: none('a team id, or everyone'),
  sentBy: about('one-way fingerprint of the manager who sent it', 'council staff'),
  state: none('expanding, sending or done'),
  createdAt: none('time'),
  expandedAt: none('time'),
  recipients: none('count'),
  doneAt: none('time'),
};

const scheduleFields: FieldsOf<ScheduleRecord> = {
  kind: none('schedule'),
  tenantId: none('Teams tenant (the council)'),
  scheduleId: none('random id'),
  content: none('the tip id, or the check-in'),
  audience: none('a team id, or everyone'),
  rule: none('once, weekly or monthly; time of day; start and end dates'),
  createdBy: about('one-way fingerprint of the manager who made it', 'council staff'),
  createdAt: none('time'),
  updatedAt: none('time'),
  scheduleState: none('active, paused, cancelled or ended'),
  nextNominal: none('date'),
  nextDue: none('time'),
  claimed: none('the occurrence being created: its nudge id and time'),
  sent: none('count'),
  lastOccurrence: none('time'),
  missed: none('times of occurrences not sent (no instance ran that day)'),
};

const senderLeaseFields: FieldsOf<SenderLeaseRecord> = {
  kind: none('nudge-sender'),
  holder: none('worker instance id (random)'),
  until: none('time'),
  progress: none('count'),
  progressAt: none('time'),
};

const optOutFields: FieldsOf<OptOutRecord> = {
  kind: none('opt-out'),
  at: none('time'),
  until: none('time a snooze ends (absent: stopped)'),
};

const installedTeamFields: FieldsOf<InstalledTeam> = {
  tenantId: none('Teams tenant (the council)'),
  teamId: none('Teams team id'),
  serviceUrl: none('Bot Framework service URL'),
  name: none("the team's name"),
  reference: none("the team channel's conversation reference (ids only)"),
  installedAt: none('time'),
};

const deliveryFields: FieldsOf<DeliveryRecord> = {
  tenantId: none('Teams tenant (the council)'),
  nudgeId: none('nudge id'),
  occurrence: none('which send of the nudge'),
  userId: about('Teams user id of the recipient', 'practitioner'),
  aadObjectId: about('Entra object id of the recipient', 'practitioner'),
  route: about(
    "the recipient's personal chat reference (ids only), or the team to open it from",
    'practitioner',
  ),
  status: none('pending, sent or failed'),
  reason: none('why it was not sent (Teams refusal, stopped refreshers)'),
  quizId: about('the quiz chosen for the recipient (a quiz nudge)', 'practitioner'),
  attempts: none('count'),
  createdAt: none('time'),
  updatedAt: none('time'),
  expiresAt: none('when the record is treated as gone'),
};

const tenantFields: FieldsOf<TenantSettings> = {
  contacts: about(
    "the council's local routes and contacts (service names, work phone numbers, a named DA lead)",
    'council staff',
  ),
  referralRetentionDays: none('retention of referral bodies (older setting)'),
  retention: none('retention period of each kind of record'),
  managers: about(
    'Entra object ids of the team managers, who may send refresher nudges and see team confidence figures',
    'council staff',
  ),
};

/**
 * Every container and every record type stored in it: the source of the generated part of
 * docs/data-protection.md (`npm run data-map`). A test fails when a container has no entry here,
 * and a field added to a stored type without an entry fails to compile (FieldsOf).
 */
export const dataMap: Readonly<Record<ContainerName, ContainerEntry>> = {
  sessions: {
    purpose: 'coaching walk-throughs in progress',
    records: [
      {
        name: 'coaching session',
        key: 'tenant id / "coaching-" + SHA-256 of the user id (the id itself is not stored)',
        why: 'so a practitioner can pause and resume a walk-through and get its summary',
        lawfulBasis: safeguarding,
        readers: appOnly,
        retention: 'sessions',
        deletion: ttlDeletion,
        fields: sessionFields,
      },
    ],
  },
  drafts: {
    purpose: "the referral form's own records",
    records: [
      {
        name: 'referral draft',
        key: 'tenant id / "referral-draft-" + SHA-256 of the user id',
        why: 'so a referral can be filled in over several cards and resumed',
        lawfulBasis: safeguarding,
        readers: appOnly,
        retention: 'drafts',
        deletion: `${ttlDeletion}; deleted once the referral is sent`,
        fields: draftFields,
      },
      {
        name: 'referrer profile',
        key: 'tenant id / "referrer-" + SHA-256 of the user id',
        why: 'so the form asks a referrer for their role, team and phone once',
        lawfulBasis: publicTask,
        readers: appOnly,
        retention: 'referrerProfiles',
        deletion: ttlDeletion,
        fields: profileFields,
      },
      {
        name: 'receipt',
        key: 'tenant id / "receipt-" + referral id',
        why: 'to update the receipt card in place when the status changes',
        lawfulBasis: publicTask,
        readers: 'the app (managed identity)',
        retention: 'receipts',
        deletion: ttlDeletion,
        fields: receiptFields,
      },
    ],
  },
  referrals: {
    purpose: 'referrals to the partnership, then their audit records',
    records: [
      {
        name: 'referral (and, once its body is purged, its audit record)',
        key: 'tenant id / referral id',
        why: 'to deliver the referral exactly once, show its status, and keep the council’s record of what was sent',
        lawfulBasis: `${safeguarding}; the sharing basis the referrer chose is recorded in the body`,
        readers:
          'the app; the referrer (receipt, corrections); the council admin (admin export, recorded in the access trail); the partnership receives the body',
        retention: 'referralBodies',
        deletion:
          'the purge pass removes body and rejection after the referral-body period from the final status, leaving the audit record, which Cosmos DB deletes after the audit period (its TTL); a body may be erased earlier by a subject request',
        fields: referralFieldsMap,
      },
    ],
  },
  outbox: {
    purpose: 'delivery work still to do (pointers to referrals)',
    records: [
      {
        name: 'deliver entry',
        key: '"deliver-<shard>" / referral id',
        why: 'so a worker finds referrals to deliver without a cross-partition query',
        lawfulBasis: noPersonalData,
        readers: 'the app',
        retention: { fixed: 'until the referral is delivered and the referrer told' },
        deletion: 'deleted by the delivery worker',
        fields: deliverFields,
      },
      {
        name: 'purge entry',
        key: '"purge-<shard>" / purge time + referral id',
        why: 'so the purge pass finds bodies due for purging',
        lawfulBasis: noPersonalData,
        readers: 'the app',
        retention: { fixed: 'until the body is purged' },
        deletion: 'deleted by the purge pass',
        fields: purgeFields,
      },
      {
        name: 'notify entry',
        key: '"deliver-<shard>" / referral id',
        why: 'to tell the referrer of a final status when Teams was down',
        lawfulBasis: noPersonalData,
        readers: 'the app',
        retention: { fixed: 'until told, at most 24 hours' },
        deletion: 'deleted by the delivery worker',
        fields: notifyFields,
      },
    ],
  },
  conversations: {
    purpose: 'where the bot can reach people later',
    records: [
      {
        name: 'conversation reference',
        key: 'tenant id / SHA-256 of the conversation id',
        why: 'to post receipt updates and (later) nudges to a practitioner',
        lawfulBasis: publicTask,
        readers: 'the app',
        retention: 'conversations',
        deletion: ttlDeletion,
        fields: conversationFields,
      },
    ],
  },
  outcomes: {
    purpose: 'confidence check-ins and refresher quiz answers (pseudonymous)',
    records: [
      {
        name: 'confidence answer',
        key: 'tenant id / SHA-256 of respondent, check-in card and question',
        why: 'to measure staff confidence over time (team figures only, groups of five or more)',
        lawfulBasis: `${publicTask} (evaluating the service)`,
        readers: 'the app; managers see team aggregates only',
        retention: 'confidenceAnswers',
        deletion: ttlDeletion,
        fields: confidenceFields,
      },
      {
        name: 'quiz answer',
        key: '"quiz:<tenant>" / SHA-256 of respondent, nudge and occurrence',
        why: "to answer each quiz once, choose a person's next quiz (not seen, or got wrong), and give managers counts and the share answered well (groups of five or more)",
        lawfulBasis: `${publicTask} (staff training and evaluating the service)`,
        readers: 'the app; managers see counts, and shares for five or more people, only',
        retention: 'quizAnswers',
        deletion: ttlDeletion,
        fields: quizAnswerFields,
      },
    ],
  },
  feedback: {
    purpose: 'helpful / not helpful counts per phrasing',
    records: [
      {
        name: 'phrasing feedback',
        key: 'situation id / phrasing id',
        why: 'to improve the wording library',
        lawfulBasis: noPersonalData,
        readers: 'the app; the partnership’s content editors',
        retention: { fixed: 'while the wording library is in use (anonymous counts)' },
        deletion: 'by an admin when the library is retired',
        fields: feedbackFields,
      },
    ],
  },
  leases: {
    purpose: 'which instance runs a shared duty; readiness probes',
    records: [
      {
        name: 'worker lease',
        key: '"referral-worker" / "poll" or "maintenance"',
        why: 'so two instances never run the same duty at once',
        lawfulBasis: noPersonalData,
        readers: 'the app',
        retention: { fixed: 'overwritten on every pass' },
        deletion: 'overwritten',
        fields: leaseFields,
      },
      {
        name: 'nudge sender lease',
        key: '"nudge-sender" / SHA-256 of the tenant id',
        why: "so one instance sends a council's refreshers at Teams' rate, and a stalled one is taken over",
        lawfulBasis: noPersonalData,
        readers: 'the app',
        retention: { fixed: 'deleted when the sender finishes; overwritten on takeover' },
        deletion: 'deleted or overwritten',
        fields: senderLeaseFields,
      },
      {
        name: 'readiness probe',
        key: '"readiness" / "probe-" + random instance id',
        why: 'so /readyz proves storage takes writes',
        lawfulBasis: noPersonalData,
        readers: 'the app',
        retention: { fixed: '10 minutes (TTL)' },
        deletion: 'Cosmos DB deletes it when its TTL runs out',
        fields: { at: none('time') },
      },
    ],
  },
  tenants: {
    purpose: "each council's settings",
    records: [
      {
        name: 'tenant settings',
        key: 'tenant id / "settings"',
        why: 'local contacts shown in guidance, and retention',
        lawfulBasis: `${publicTask} (work contact details published by the council)`,
        readers: 'the app; council admins (admin tool)',
        retention: { fixed: 'while the council uses the service' },
        deletion: 'by an admin when the council leaves',
        fields: tenantFields,
      },
    ],
  },
  audit: {
    purpose: 'who read or changed a referral, and subject requests (no content)',
    records: [
      {
        name: 'referral access entry',
        key: '"<tenant>:referral:<referral id>" / time + random id',
        why: "the access trail: every read of a referral's body outside delivery (receipt view, corrections, admin export) and every erasure or redaction",
        lawfulBasis: `${publicTask}; UK GDPR Art. 5(2) accountability and Art. 32 security of processing`,
        readers: 'council admins (admin tool: access-trail)',
        retention: 'auditRecords',
        deletion: 'Cosmos DB deletes it when its TTL runs out',
        fields: accessFields,
      },
      {
        name: 'subject request record',
        key: '"<tenant>:requests" / time + random id',
        why: 'to show each subject access or erasure request was met: who ran it, when, what was affected (no content)',
        lawfulBasis:
          'UK GDPR Art. 6(1)(c) legal obligation (Arts. 15 and 17) and Art. 5(2) accountability',
        readers: 'council admins (admin tool: subject-requests)',
        retention: 'auditRecords',
        deletion: 'Cosmos DB deletes it when its TTL runs out',
        fields: requestFields,
      },
    ],
  },
  nudges: {
    purpose: "managers' refresher nudges, who stopped them, and the teams the bot is installed in",
    records: [
      {
        name: 'nudge',
        key: 'tenant id / random nudge id',
        why: 'to send a refresher once to its audience and show the manager its status',
        lawfulBasis: publicTask,
        readers: 'the app; the council’s managers (status card)',
        retention: { fixed: 'while the council uses the service' },
        deletion: 'by an admin when the council leaves',
        fields: nudgeFields,
      },
      {
        name: 'refresher opt-out',
        key: '"optouts:<tenant>" / SHA-256 of the person’s Entra object id',
        why: '"stop refreshers": so no refresher is sent to them until "refreshers on"',
        lawfulBasis: publicTask,
        readers: 'the app',
        retention: { fixed: 'until "refreshers on"' },
        deletion: 'deleted on "refreshers on"',
        fields: optOutFields,
      },
      {
        name: 'refresher schedule',
        key: '"schedules:<tenant>" / random schedule id',
        why: "to send a manager's refresher on its dates, once each, and show the manager its schedules",
        lawfulBasis: publicTask,
        readers: 'the app; the council’s managers (schedules card)',
        retention: { fixed: 'while the council uses the service' },
        deletion: 'by an admin when the council leaves',
        fields: scheduleFields,
      },
      {
        name: 'installed team',
        key: '"teams:<tenant>" / SHA-256 of the team id',
        why: "to read a team's roster and reach its members for a manager's refresher",
        lawfulBasis: noPersonalData,
        readers: 'the app',
        retention: { fixed: 'while the bot is installed in the team' },
        deletion: 'deleted when the bot is removed from the team',
        fields: installedTeamFields,
      },
    ],
  },
  deliveries: {
    purpose: 'one record per nudge recipient: whether the refresher reached them',
    records: [
      {
        name: 'nudge delivery',
        key: '"<tenant>:<nudge id>:<occurrence>" / SHA-256 of (nudge, occurrence, recipient)',
        why: 'to send each refresher exactly once per person and count sent, pending and failed',
        lawfulBasis: publicTask,
        readers: 'the app; managers see counts only',
        retention: 'nudgeDeliveries',
        deletion: ttlDeletion,
        fields: deliveryFields,
      },
    ],
  },
};
