import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import { ErrorCodes, isAppError } from '../../kernel/errors';
import type { LocalContacts } from '../../tenants/localContacts';
import { genericLocalContacts } from '../../tenants/localContacts';
import type { Referral } from '../schema/referral';
import type { ReferralSummary } from '../records/referralRecord';
import { referralKey, type ReferralStores } from '../records/referralStores';
import type { AccessTrail } from '../records/accessTrail';
import { getReferralStatus, submitReferral } from '../delivery/submitReferral';
import {
  validateReferral,
  validateReferralSection,
  type FieldErrors,
} from '../schema/validateReferral';
import type { DraftSeed, ReferralCommand } from './actions';
import {
  countsOf,
  draftCounts,
  isDraftExpired,
  openItemOf,
  type DraftKey,
  type LoadedDraft,
  type ReferralDraft,
  type ReferralDraftRepository,
} from './draft';
import {
  childrenPath,
  countOf,
  groupAt,
  isStepId,
  itemFields,
  stepDefinition,
  stepIds,
  stepOfPath,
  type FormPlace,
  type GroupDefinition,
  type StepId,
} from './formDefinition';
import {
  readItemInput,
  sectionOfGroup,
  readStepInput,
  referralInput,
  valuesFromCoaching,
  valuesFromReferral,
  type FormValues,
} from './formValues';
import {
  alreadySubmittedNotice,
  cannotCorrect,
  draftDeleted,
  referralNotFound,
  resumeOffer,
  staleNotice,
  submittedNotice,
  type StaleReason,
} from './notices';
import { receiptView, shortReferralId } from '../receipt/receiptView';
import type { ReferrerProfileRepository } from './referrerProfile';
import { reviewView } from './reviewView';
import { itemView, stepView } from './stepView';
import type { ReferralCardView } from './views';

export interface ReferralFormDeps {
  readonly drafts: ReferralDraftRepository;
  readonly profiles: ReferrerProfileRepository;
  readonly stores: ReferralStores;
  readonly clock: Clock;
  /** Every read of a referral's body here (status check, corrections) is recorded in it. */
  readonly accessTrail?: AccessTrail;
  /** How long delivery keeps trying (see submitReferral). */
  readonly deliveryDeadlineMs?: number;
  /** New referral ids; random UUIDs unless a test needs to know them. */
  readonly newId?: () => string;
}

/** The referrer as Teams knows them; looked up only when a new draft is started. */
export interface TeamsProfile {
  readonly name?: string;
  readonly email?: string;
}

export interface ReferralTurnInput extends DraftKey {
  readonly command: ReferralCommand;
  /** The tenant's local details, to fill the cards' placeholders. */
  readonly contacts: LocalContacts;
  readonly profile: () => Promise<TeamsProfile>;
}

export type ReferralTurnResult =
  | {
      readonly kind: 'view';
      /** Replaces the pressed card in place. */
      readonly view: ReferralCardView;
      /** Set when nothing changed because the card was old or there was no draft. */
      readonly stale?: StaleReason;
      /** Fields refused on this press (for the log: a count, never the fields' content). */
      readonly errorCount?: number;
    }
  | {
      readonly kind: 'submitted';
      /** Replaces the review card. */
      readonly view: ReferralCardView;
      /** To post as a new message, whose id is then remembered (see recordReceipt). */
      readonly receipt: ReferralCardView;
      readonly referral: ReferralSummary;
    };

const view = (
  v: ReferralCardView,
  extra: { stale?: StaleReason; errorCount?: number } = {},
): ReferralTurnResult => ({
  kind: 'view',
  view: v,
  ...extra,
});

/** A draft that can be used now: read as a draft and not expired. */
function usable(loaded: LoadedDraft | undefined, now: Date): ReferralDraft | undefined {
  const draft = loaded?.draft;
  return draft && !isDraftExpired(draft, now) ? draft : undefined;
}

const firstIncomplete = (completed: readonly StepId[]): FormPlace =>
  stepIds.find((id) => !completed.includes(id)) ?? 'review';

/** The card for wherever the draft is (an item's own card when one is open). */
function placeView(
  draft: ReferralDraft,
  contacts: LocalContacts,
  errors: FieldErrors = {},
): ReferralCardView {
  if (draft.place === 'review') {
    return reviewView(draft, reviewValues(draft), errors, contacts);
  }
  const open = openItemOf(draft);
  if (open && stepOfPath(open.group.path) === draft.place) {
    return itemView(draft, open.group, open.index, errors);
  }
  return stepView(stepDefinition(draft.place), draft, errors, contacts);
}

/** What the review shows: the checked referral's answers when it passes (what will be sent). */
function reviewValues(draft: ReferralDraft): FormValues {
  const checked = validateReferral(referralInput(draft.values, countsOf(draft)));
  return checked.ok ? valuesFromReferral(checked.referral).values : draft.values;
}

/** Every value path a step owns (children included). */
function ownedBy(step: StepId, path: string): boolean {
  return stepOfPath(path) === step;
}

/**
 * The referral form, one press at a time: read the draft once, apply the press, write at most
 * once (If-Match). Answers are checked with the referral schema per step; nothing is stored as a
 * referral, or sent, until Send on a review whose whole referral passes.
 */
export async function handleReferralTurn(
  deps: ReferralFormDeps,
  input: ReferralTurnInput,
): Promise<ReferralTurnResult> {
  const { command } = input;
  if (command.type === 'status') return statusTurn(deps, input, command.referralId);
  const key: DraftKey = { tenantId: input.tenantId, userId: input.userId };

  if (answeredFromRecentCopy.has(command.type)) {
    const recent = await deps.drafts.load(key, { recent: true });
    if (!recent?.recent) return pressOn(deps, input, recent);
    if (recent.draft?.status === 'editing') {
      const watched = watchingWrites(deps);
      const result = await pressOn(watched.deps, input, recent);
      if (watched.wrote()) return result;
    }
    // The copy may be behind another instance's write: the press is worked out from the store.
  }
  return pressOn(deps, input, await deps.drafts.load(key));
}

/**
 * Presses that may start from this instance's copy of the draft (no read). Each either writes the
 * draft with If-Match before anything else happens, which confirms the copy was current, or is
 * worked out again from a fresh read: the card carries the revision it was drawn from, so a press
 * on a card another instance already moved on is still told it is out of date. Send, Discard and
 * the presses that start or resume a draft always read the store.
 */
const answeredFromRecentCopy: ReadonlySet<ReferralCommand['type']> = new Set([
  'next',
  'back',
  'edit',
  'addChild',
  'editChild',
  'removeChild',
  'saveChild',
  'cancelChild',
]);

/** The form's dependencies, noting whether a draft write was taken by the store. */
function watchingWrites(deps: ReferralFormDeps): { deps: ReferralFormDeps; wrote(): boolean } {
  let wrote = false;
  const drafts: ReferralDraftRepository = {
    load: (key, options) => deps.drafts.load(key, options),
    save: async (key, draft, etag) => {
      const written = await deps.drafts.save(key, draft, etag);
      wrote ||= written.ok;
      return written;
    },
    delete: (key, etag) => deps.drafts.delete(key, etag),
  };
  return { deps: { ...deps, drafts }, wrote: () => wrote };
}

/** One press on the draft as loaded. */
async function pressOn(
  deps: ReferralFormDeps,
  input: ReferralTurnInput,
  loaded: LoadedDraft | undefined,
): Promise<ReferralTurnResult> {
  const { command } = input;
  if (command.type === 'status') return statusTurn(deps, input, command.referralId);
  const key: DraftKey = { tenantId: input.tenantId, userId: input.userId };
  const now = deps.clock.now();
  const finished = loaded && (await finishedSend(deps, input, key, loaded));
  if (finished) return finished;
  const draft = usable(loaded, now);

  switch (command.type) {
    case 'start':
      if (draft) return view(resumeOffer(draft, command.seed));
      return startDraft(deps, input, loaded, command.seed);
    case 'new':
      return startDraft(deps, input, loaded, command.seed);
    case 'resume':
      return draft ? view(placeView(draft, input.contacts)) : stale(loaded, now);
    default:
      break;
  }

  if (!draft || !loaded) return stale(loaded, now);
  if (draft.revision !== command.revision || draft.place !== command.place) {
    return view(staleNotice('out-of-date', true), { stale: 'out-of-date' });
  }
  const etag = loaded.etag;
  // Left `sending` by a Send that never stored its referral: a draft again, and a changed draft
  // gets a new id when sent (an old id could still be taken by that Send, with the old answers).
  const editable = command.type === 'send' ? draft : asEditing(draft);
  const at = { deps, input, key, etag, draft: editable, now };

  switch (command.type) {
    case 'next':
      return nextTurn(at, command.input);
    case 'back':
      return moveTo(at, previousPlace(draft.place));
    case 'edit':
      return draft.place === 'review'
        ? moveTo(at, command.target)
        : view(placeView(draft, input.contacts));
    case 'addChild':
    case 'editChild':
    case 'removeChild':
      return itemButtonTurn(at, command);
    case 'saveChild':
      return saveItemTurn(at, command.group, command.index, command.input);
    case 'cancelChild':
      return cancelItemTurn(at, command.group, command.index);
    case 'send':
      return sendTurn(at);
    case 'discard':
      if (!(await deps.drafts.delete(key, etag))) {
        return view(staleNotice('out-of-date', true), { stale: 'out-of-date' });
      }
      return view(draftDeleted());
  }
}

function asEditing(draft: ReferralDraft): ReferralDraft {
  if (draft.status !== 'sending') return draft;
  const { referralId: _chosen, ...rest } = draft;
  return { ...rest, status: 'editing' };
}

/**
 * A draft left `sending` whose referral is stored (the process stopped, or deleting the draft
 * failed, after Send): that Send happened, so the draft can no longer be changed, sent again or
 * discarded. Whatever was pressed, the Send is finished: the draft deleted, the receipt shown.
 * Undefined when there is no such referral: then it is still only a draft.
 */
async function finishedSend(
  deps: ReferralFormDeps,
  input: ReferralTurnInput,
  key: DraftKey,
  loaded: LoadedDraft,
): Promise<ReferralTurnResult | undefined> {
  const referralId = loaded.draft?.status === 'sending' ? loaded.draft.referralId : undefined;
  if (referralId === undefined) return undefined;
  const summary = await getReferralStatus(deps.stores, input.tenantId, referralId);
  if (!summary || summary.referrerId !== input.userId) return undefined;
  // Another press finished it first and shows the receipt: one receipt, not two.
  if (!(await deps.drafts.delete(key, loaded.etag))) {
    return view(staleNotice('out-of-date', false), { stale: 'out-of-date' });
  }
  return {
    kind: 'submitted',
    view: alreadySubmittedNotice(shortReferralId(referralId)),
    receipt: receiptView(summary, input.contacts),
    referral: summary,
  };
}

interface Pressed {
  readonly deps: ReferralFormDeps;
  readonly input: ReferralTurnInput;
  readonly key: DraftKey;
  readonly etag: string;
  readonly draft: ReferralDraft;
  readonly now: Date;
}

function stale(loaded: LoadedDraft | undefined, now: Date): ReferralTurnResult {
  const expired = loaded?.draft !== undefined && isDraftExpired(loaded.draft, now);
  const reason: StaleReason = expired ? 'expired' : 'no-draft';
  return view(staleNotice(reason, false), { stale: reason });
}

function previousPlace(place: FormPlace): FormPlace {
  if (place === 'review') return stepIds[stepIds.length - 1] as StepId;
  const index = stepIds.indexOf(place);
  return stepIds[Math.max(0, index - 1)] as StepId;
}

/** Writes the next revision of the draft; a lost race shows the out-of-date card. */
async function save(
  at: Pressed,
  next: Omit<ReferralDraft, 'revision' | 'updatedAt'>,
): Promise<
  { ok: true; draft: ReferralDraft; etag: string } | { ok: false; result: ReferralTurnResult }
> {
  const draft: ReferralDraft = {
    ...next,
    revision: at.draft.revision + 1,
    updatedAt: at.now.toISOString(),
  };
  const written = await at.deps.drafts.save(at.key, draft, at.etag);
  if (!written.ok) {
    return { ok: false, result: view(staleNotice('out-of-date', true), { stale: 'out-of-date' }) };
  }
  return { ok: true, draft, etag: written.etag };
}

async function moveTo(at: Pressed, place: FormPlace): Promise<ReferralTurnResult> {
  const saved = await save(at, { ...at.draft, place });
  return saved.ok ? view(placeView(saved.draft, at.input.contacts)) : saved.result;
}

/** Next on a step: check its sections with the schema; move on only when they pass. */
async function nextTurn(at: Pressed, raw: Record<string, unknown>): Promise<ReferralTurnResult> {
  const { draft, input } = at;
  if (!isStepId(draft.place)) return view(placeView(draft, input.contacts));
  const step = stepDefinition(draft.place);
  const submitted = readStepInput(step, raw, draft.values, countsOf(draft));
  const errors: FieldErrors = {};
  for (const name of step.sections) {
    const checked = validateReferralSection(name, submitted.sections[name], { now: at.now });
    if (!checked.ok) Object.assign(errors, checked.errors);
  }
  const passed = Object.keys(errors).length === 0;
  // Every input on the card is in `submitted.values` ("" when not sent); children stay as drafted.
  const values = { ...draft.values, ...submitted.values };
  const completed = passed
    ? [...new Set([...draft.completed, step.id])]
    : draft.completed.filter((id) => id !== step.id);
  const corrections = passed
    ? Object.fromEntries(Object.entries(draft.corrections).filter(([p]) => !ownedBy(step.id, p)))
    : draft.corrections;
  const place = passed ? firstIncomplete(completed) : step.id;
  const saved = await save(at, { ...draft, values, completed, corrections, place });
  if (!saved.ok) return saved.result;
  if (passed && step.id === 'referrer' && referrerChanged(draft, values)) {
    await rememberReferrer(at, values);
  }
  const errorCount = Object.keys(errors).length;
  return view(placeView(saved.draft, input.contacts, errors), errorCount > 0 ? { errorCount } : {});
}

const rememberedReferrerPaths = [
  'referrer.role',
  'referrer.team',
  'referrer.organisation',
  'referrer.phone',
] as const;

/**
 * False when the referrer step already passed (so its answers were remembered) and they are the
 * same again: no second write in the turn (one state write per turn).
 */
function referrerChanged(draft: ReferralDraft, after: FormValues): boolean {
  if (!draft.completed.includes('referrer')) return true;
  return rememberedReferrerPaths.some((p) => (draft.values[p] ?? '') !== (after[p] ?? ''));
}

/** Role, team, organisation and phone, so the next referral does not ask again. */
async function rememberReferrer(at: Pressed, values: FormValues): Promise<void> {
  await at.deps.profiles.save(at.key, {
    role: values['referrer.role'],
    team: values['referrer.team'],
    organisation: values['referrer.organisation'],
    ...(values['referrer.phone'] ? { phone: values['referrer.phone'] } : {}),
    updatedAt: at.now.toISOString(),
  });
}

/** The group a button names, when the draft is on that group's step card (no item open). */
function groupOnCard(draft: ReferralDraft, path: string): GroupDefinition | undefined {
  const group = groupAt(path);
  const onCard = group && draft.place === stepOfPath(group.path) && draft.openChild === null;
  return onCard ? group : undefined;
}

/** The draft with a group's count of items set (children have a field of their own). */
function withCount(draft: ReferralDraft, group: GroupDefinition, count: number): ReferralDraft {
  return group.path === childrenPath
    ? { ...draft, childCount: count }
    : { ...draft, itemCounts: { ...draft.itemCounts, [group.path]: count } };
}

/**
 * A button on a step card for an item of a group (a child, an agency): add, change or remove
 * it. What was typed on the card is kept (not checked); adding or changing opens the item's own
 * card.
 */
async function itemButtonTurn(
  at: Pressed,
  command: Extract<ReferralCommand, { type: 'addChild' | 'editChild' | 'removeChild' }>,
): Promise<ReferralTurnResult> {
  const { draft } = at;
  const group = groupOnCard(draft, command.group);
  const step = isStepId(draft.place) ? stepDefinition(draft.place) : undefined;
  if (!group || !step) return view(placeView(draft, at.input.contacts));
  const counts = countsOf(draft);
  const submitted = readStepInput(step, command.input, draft.values, counts);
  let values: Record<string, string> = { ...draft.values, ...submitted.values };
  let count = countOf(group, counts);
  let openChild: number | null = null;
  if (command.type === 'addChild') {
    if (count >= group.max) return view(placeView(draft, at.input.contacts));
    openChild = count;
    count += 1;
  } else if (command.index >= count) {
    return view(staleNotice('out-of-date', true), { stale: 'out-of-date' });
  } else if (command.type === 'editChild') {
    openChild = command.index;
  } else {
    values = removeItemValues(values, group.path, command.index, count);
    count -= 1;
  }
  const completed = draft.completed.filter((id) => id !== step.id);
  const openGroup = openChild === null ? undefined : group.path;
  const next = withCount({ ...draft, values, openChild, openGroup, completed }, group, count);
  const saved = await save(at, next);
  return saved.ok ? view(placeView(saved.draft, at.input.contacts)) : saved.result;
}

/** Whether the item card of `group` at `index` is the one open. */
const isOpen = (draft: ReferralDraft, group: string, index: number): boolean => {
  const open = openItemOf(draft);
  return open?.group.path === group && open.index === index && draft.place !== 'review';
};

/** Save on an item's card: check it with its section's schema; back to the step card. */
async function saveItemTurn(
  at: Pressed,
  path: string,
  index: number,
  raw: Record<string, unknown>,
): Promise<ReferralTurnResult> {
  const { draft } = at;
  const group = groupAt(path);
  if (!group || !isOpen(draft, path, index)) {
    return view(staleNotice('out-of-date', true), { stale: 'out-of-date' });
  }
  const section = sectionOfGroup(group);
  const submitted = readItemInput(group, index, raw, draft.values, countsOf(draft));
  const checked = validateReferralSection(section, submitted.sections[section], { now: at.now });
  const prefix = `${group.path}.${index}.`;
  const errors = checked.ok
    ? {}
    : Object.fromEntries(Object.entries(checked.errors).filter(([p]) => p.startsWith(prefix)));
  const passed = Object.keys(errors).length === 0;
  const values = { ...draft.values, ...submitted.values };
  const corrections = passed
    ? Object.fromEntries(Object.entries(draft.corrections).filter(([p]) => !p.startsWith(prefix)))
    : draft.corrections;
  const open = passed ? { openChild: null, openGroup: undefined } : {};
  const saved = await save(at, { ...draft, values, corrections, ...open });
  if (!saved.ok) return saved.result;
  const errorCount = Object.keys(errors).length;
  return view(
    placeView(saved.draft, at.input.contacts, errors),
    errorCount > 0 ? { errorCount } : {},
  );
}

/** Cancel on an item's card: back to the step card; an item added and left blank goes. */
async function cancelItemTurn(
  at: Pressed,
  path: string,
  index: number,
): Promise<ReferralTurnResult> {
  const { draft } = at;
  const group = groupAt(path);
  if (!group || !isOpen(draft, path, index)) {
    return view(staleNotice('out-of-date', true), { stale: 'out-of-date' });
  }
  const count = countOf(group, countsOf(draft));
  const blank = itemFields(group, index).every((f) => (draft.values[f.path] ?? '') === '');
  const removeIt = blank && index === count - 1;
  const values = removeIt ? removeItemValues(draft.values, group.path, index, count) : draft.values;
  const closed = { ...draft, values, openChild: null, openGroup: undefined };
  const saved = await save(at, withCount(closed, group, removeIt ? count - 1 : count));
  return saved.ok ? view(placeView(saved.draft, at.input.contacts)) : saved.result;
}

/** The values without item `index` of a group: later items move up one. */
function removeItemValues(
  values: Record<string, string>,
  groupPath: string,
  index: number,
  count: number,
): Record<string, string> {
  const out: Record<string, string> = {};
  const prefix = `${groupPath}.`;
  for (const [path, value] of Object.entries(values)) {
    const item = path.startsWith(prefix) ? /^(\d+)\.(\w+)$/.exec(path.slice(prefix.length)) : null;
    if (!item) {
      out[path] = value;
      continue;
    }
    const n = Number(item[1]);
    if (n < index) out[path] = value;
    else if (n > index && n < count) out[`${prefix}${n - 1}.${item[2]}`] = value;
  }
  return out;
}

/**
 * Send: check the whole referral, claim the draft (If-Match, fixing the referral id), submit,
 * then delete the draft. A second press, or a retry after a crash, reuses the same id, so one
 * draft is never two referrals.
 */
async function sendTurn(at: Pressed): Promise<ReferralTurnResult> {
  const { deps, draft, input } = at;
  const referral = referralInput(draft.values, countsOf(draft));
  const checked = validateReferral(referral, { now: at.now });
  if (!checked.ok) {
    return view(reviewView(draft, draft.values, checked.errors, input.contacts), {
      errorCount: Object.keys(checked.errors).length,
    });
  }
  const referralId = draft.referralId ?? (deps.newId ?? randomUUID)();
  const claimed = await save(at, { ...draft, status: 'sending', referralId });
  if (!claimed.ok) return claimed.result;

  const summary = await submitOnce(deps, input, referralId, referral);
  if (!summary.ok) {
    // Only reachable if the schema changed between the check above and submit.
    return view(reviewView(claimed.draft, draft.values, summary.errors, input.contacts));
  }
  await deps.drafts.delete(at.key, claimed.etag);
  return {
    kind: 'submitted',
    view: submittedNotice(shortReferralId(referralId)),
    receipt: receiptView(summary.referral, input.contacts),
    referral: summary.referral,
  };
}

async function submitOnce(
  deps: ReferralFormDeps,
  input: ReferralTurnInput,
  referralId: string,
  referral: unknown,
): Promise<{ ok: true; referral: ReferralSummary } | { ok: false; errors: FieldErrors }> {
  try {
    return await submitReferral(
      {
        stores: deps.stores,
        clock: deps.clock,
        newId: () => referralId,
        ...(deps.deliveryDeadlineMs === undefined
          ? {}
          : { deliveryDeadlineMs: deps.deliveryDeadlineMs }),
      },
      { tenantId: input.tenantId, referrerId: input.userId, input: referral },
    );
  } catch (err) {
    if (!isAppError(err, ErrorCodes.storeConflict)) throw err;
    // Submitted by an earlier press that did not finish: that referral stands.
    const existing = await getReferralStatus(deps.stores, input.tenantId, referralId);
    if (existing && existing.referrerId === input.userId) return { ok: true, referral: existing };
    throw err;
  }
}

/** A new draft: Teams profile and remembered details, then the walk-through's or the returned referral's answers. */
async function startDraft(
  deps: ReferralFormDeps,
  input: ReferralTurnInput,
  loaded: LoadedDraft | undefined,
  seed: DraftSeed | undefined,
): Promise<ReferralTurnResult> {
  const now = deps.clock.now();
  const key: DraftKey = { tenantId: input.tenantId, userId: input.userId };
  let values: Record<string, string> = await referrerValues(deps, input, key);
  let counts: Record<string, number> = {};
  let corrections: Record<string, string> = {};
  let completed: StepId[] = [];
  if (seed?.kind === 'coaching') values = { ...values, ...valuesFromCoaching(seed.prefill) };
  if (seed?.kind === 'returned') {
    const returned = await returnedReferral(deps, input, seed.referralId);
    if (!returned) return view(cannotCorrect());
    const fromBody = valuesFromReferral(returned.body);
    values = fromBody.values;
    counts = { ...fromBody.counts };
    corrections = returned.corrections;
    const needsWork = new Set(Object.keys(corrections).map((p) => stepOfPath(p)));
    completed = stepIds.filter((id) => !needsWork.has(id));
  }
  const previous = loaded?.draft;
  const draft: ReferralDraft = {
    schemaVersion: 1,
    status: 'editing',
    revision: (previous?.revision ?? 0) + 1,
    place: firstIncomplete(completed),
    values,
    ...draftCounts(counts),
    openChild: null,
    completed,
    corrections,
    source: seed?.kind ?? 'new',
    startedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const written = await deps.drafts.save(key, draft, loaded?.etag);
  if (!written.ok) return view(staleNotice('out-of-date', true), { stale: 'out-of-date' });
  return view(placeView(draft, input.contacts));
}

async function referrerValues(
  deps: ReferralFormDeps,
  input: ReferralTurnInput,
  key: DraftKey,
): Promise<Record<string, string>> {
  const [profile, remembered] = await Promise.all([input.profile(), deps.profiles.load(key)]);
  const council =
    input.contacts.councilName !== genericLocalContacts.councilName
      ? input.contacts.councilName
      : '';
  const entries: Array<[string, string | undefined]> = [
    ['referrer.name', profile.name],
    ['referrer.email', profile.email],
    ['referrer.role', remembered?.role],
    ['referrer.team', remembered?.team],
    ['referrer.organisation', remembered?.organisation ?? council],
    ['referrer.phone', remembered?.phone],
  ];
  return Object.fromEntries(
    entries.filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''),
  );
}

/** A referral the partnership sent back, if it is this user's and its body is still held. */
async function returnedReferral(
  deps: ReferralFormDeps,
  input: ReferralTurnInput,
  referralId: string,
): Promise<{ body: Referral; corrections: Record<string, string> } | undefined> {
  const item = await deps.stores.referrals.read(referralKey(input.tenantId, referralId));
  const record = item?.value;
  if (
    !record ||
    record.referrerId !== input.userId ||
    record.status !== 'rejected' ||
    !record.body
  ) {
    return undefined;
  }
  await deps.accessTrail?.record({
    tenantId: input.tenantId,
    referralId,
    actor: input.userId,
    actorRole: 'referrer',
    action: 'corrections-opened',
  });
  const corrections = Object.fromEntries(
    Object.entries(record.rejection?.fieldErrors ?? {})
      .filter(([path]) => stepOfPath(path) !== undefined)
      .map(([path, message]) => [path, `The partnership: ${message.slice(0, 300)}`]),
  );
  return { body: record.body, corrections };
}

/** A receipt's "check the status": the current status of one of the user's own referrals. */
async function statusTurn(
  deps: ReferralFormDeps,
  input: ReferralTurnInput,
  referralId: string,
): Promise<ReferralTurnResult> {
  const summary = await getReferralStatus(deps.stores, input.tenantId, referralId);
  if (!summary || summary.referrerId !== input.userId) return view(referralNotFound());
  // The record was read with its body (and the partnership's reasons are shown): on the trail.
  await deps.accessTrail?.record({
    tenantId: input.tenantId,
    referralId,
    actor: input.userId,
    actorRole: 'referrer',
    action: 'receipt-viewed',
  });
  return view(receiptView(summary, input.contacts));
}
