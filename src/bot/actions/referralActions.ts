import { TeamsInfo, TurnContext } from 'botbuilder';
import { getReferralStatus } from '../../referrals';
import {
  formSteps,
  handleReferralTurn,
  personalChatOnly,
  showReceiptStatus,
  staleNotice,
  type ReferralCommand,
  type ReferralVerb,
  type ReceiptRepository,
  type ReferralFormDeps,
  type ReferralTurnResult,
  type TeamsProfile,
} from '../../referrals/form';
import {
  checkTextForDanger,
  type ContactsSource,
  type SafetyFile,
  type SafetyNet,
} from '../../safety';
import type { TenantDirectory } from '../../tenants/tenantSettings';
import { conversationKindOf, minimalReference } from '../activityFacts';
import type { ConversationDirectory } from '../../conversations/conversationDirectory';
import { inTurnCardSender } from '../proactive';
import { sendSafetyCard } from '../safetyCardRaised';
import { referralActionSchemas } from '../../referrals/form/actions';
import {
  onVerbs,
  showCard,
  type ActionContext,
  type CardJson,
  type Reply,
  type VerbHandler,
} from './actionTable';

export interface ReferralActionDeps extends ReferralFormDeps {
  readonly receipts: ReceiptRepository;
  readonly tenants: TenantDirectory;
  readonly conversations: ConversationDirectory;
  /** The user's name and email from Teams; `teamsProfile` (TeamsInfo.getMember) by default. */
  readonly lookupProfile?: (turn: TurnContext) => Promise<TeamsProfile>;
  /** Asks the delivery worker for a pass now (DeliveryWorker.wake), so a referral goes at once. */
  readonly wakeDelivery?: () => void;
  /** The safety net: danger words in the form's free text raise the safety card. */
  readonly safety?: {
    readonly net: SafetyNet;
    readonly alert: SafetyFile['alert'];
    /** Contacts that never wait long on storage (SafetyContacts). */
    readonly contacts?: ContactsSource;
  };
}

/** Name and email from the Teams roster; the activity's display name if Teams cannot say. */
export async function teamsProfile(turn: TurnContext): Promise<TeamsProfile> {
  const from = turn.activity.from;
  try {
    const member = await TeamsInfo.getMember(turn, from.id);
    const email = member.email ?? member.userPrincipalName;
    return { name: member.name ?? from.name, ...(email ? { email } : {}) };
  } catch {
    return from.name ? { name: from.name } : {};
  }
}

/** Free text a step card carries: what the safety net reads (never logged, never echoed). */
const freeTextPaths = new Set(
  formSteps
    .flatMap((s) => s.fields)
    .filter((f) => f.kind === 'multiline')
    .map((f) => f.path),
);

function freeTextOf(data: unknown): string {
  if (typeof data !== 'object' || data === null) return '';
  return Object.entries(data)
    .filter(([key, value]) => freeTextPaths.has(key) && typeof value === 'string')
    .map(([, value]) => String(value).slice(0, 20_000))
    .join('\n');
}

/**
 * The referral form's verbs. Each press replaces the card in place. On Send the receipt is posted
 * as a new message, and where it went is remembered so the delivery worker's status changes can
 * update it (see bot/proactive). Referrals are only made in a personal chat.
 */
export function referralActions(deps: ReferralActionDeps): VerbHandler[] {
  const lookupProfile = deps.lookupProfile ?? teamsProfile;

  const handle = async (
    context: ActionContext,
    command: ReferralCommand,
    verb: ReferralVerb,
  ): Promise<Reply> => {
    const refusal = refusedOutsidePersonalChat(context, verb);
    if (refusal) return refusal;
    // Safety first: every free-text answer is checked before anything is read or saved.
    if (command.type === 'next') await raiseSafetyCard(context, command.input);
    const contacts = await deps.tenants.contactsFor(context.tenantId);
    const result = await handleReferralTurn(deps, {
      tenantId: context.tenantId,
      userId: context.userId,
      command,
      contacts,
      profile: () => lookupProfile(context.turn),
    });
    logResult(context, verb, result);
    if (result.kind === 'submitted') return showCard(await postReceipt(context, result));
    return showCard(context.cards.renderView(result.view));
  };

  // Outside a personal chat the refusal comes first, even for data that does not parse.
  const refused = (context: ActionContext, verb: ReferralVerb): Reply =>
    refusedOutsidePersonalChat(context, verb) ??
    showCard(context.cards.renderView(staleNotice('out-of-date', false)));

  async function raiseSafetyCard(context: ActionContext, data: unknown): Promise<void> {
    if (!deps.safety) return;
    const text = freeTextOf(data);
    if (text === '' || deps.safety.net.scan(text).length === 0) return;
    const contacts = await (deps.safety.contacts ?? deps.tenants).contactsFor(context.tenantId);
    // Referrals are made in a personal chat only, so the words that raised it may be shown.
    const alert = checkTextForDanger(deps.safety.net, deps.safety.alert, text, contacts, {
      showWords: true,
    });
    if (!alert) return;
    await sendSafetyCard(context.turn, context, alert, { reason: 'referral text' });
  }

  /**
   * The receipt as a new message; where it went is remembered for updates. If the worker already
   * finished (it may, before this turn ends), the receipt is brought up to date here and now.
   * Returns the card to show in place of the review.
   */
  async function postReceipt(
    context: ActionContext,
    result: Extract<ReferralTurnResult, { kind: 'submitted' }>,
  ): Promise<CardJson> {
    const { referral } = result;
    const log = context.logger;
    const sender = inTurnCardSender(context.turn);
    const reference = minimalReference(TurnContext.getConversationReference(context.turn.activity));
    let activityId: string | undefined;
    try {
      activityId = await sender.send(reference, context.cards.renderView(result.receipt));
    } catch (err) {
      log.error('referral receipt could not be posted', { referralId: referral.referralId }, err);
    }
    const conversationId = context.turn.activity.conversation?.id;
    if (activityId && conversationId) {
      try {
        await deps.receipts.save({
          schemaVersion: 1,
          tenantId: context.tenantId,
          referralId: referral.referralId,
          conversationId,
          activityId,
          reference,
          shownStatus: referral.status,
          createdAt: deps.clock.now().toISOString(),
          updatedAt: deps.clock.now().toISOString(),
        });
        const latest = await getReferralStatus(deps.stores, context.tenantId, referral.referralId);
        if (latest && latest.status !== referral.status) {
          await showReceiptStatus({ ...deps, cards: context.cards.renderer, sender }, latest);
        }
      } catch (err) {
        // The referral is stored and will be delivered; only the card's self-updating is lost.
        log.error(
          'referral receipt could not be remembered',
          { referralId: referral.referralId },
          err,
        );
      }
    }
    deps.wakeDelivery?.();
    // Without a receipt message, the review card becomes the receipt so the user still sees one.
    return context.cards.renderView(activityId ? result.view : result.receipt);
  }

  return onVerbs(referralActionSchemas, handle, refused);
}

/** Referrals are made in a personal chat only: elsewhere, the card that says so. */
function refusedOutsidePersonalChat(context: ActionContext, verb: ReferralVerb): Reply | undefined {
  if (conversationKindOf(context.turn.activity) === 'personal') return undefined;
  context.logger.info('referral refused outside a personal chat', { verb });
  return showCard(context.cards.renderView(personalChatOnly()));
}

function logResult(context: ActionContext, verb: string, result: ReferralTurnResult): void {
  if (result.kind === 'submitted') {
    context.logger.info('referral submitted', { verb, referralId: result.referral.referralId });
  } else if (result.stale) {
    context.logger.info('stale referral card', { verb, reason: result.stale });
  } else if (result.errorCount) {
    context.logger.info('referral answers need correcting', { verb, count: result.errorCount });
  }
}
