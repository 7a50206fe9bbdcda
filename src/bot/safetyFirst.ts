import { ActivityTypes, TurnContext, type Middleware } from 'botbuilder';
import { coachingVerbs, newMessageFlag } from '../coaching';
import type { Logger } from '../logging/logger';
import {
  buildSafetyAlert,
  settleWithin,
  type SafetyAlertCardData,
  type SafetyDeps,
} from '../safety';
import { conversationKindOf, identityOf, isActivityOf } from './activityFacts';
import { sendSafetyCard } from './safetyCardRaised';
import type { CardCatalog } from './cards/cardCatalog';

/** How long the card waits for the session before leaving out "Back to the walk-through". */
const sessionWaitMs = 150;

export interface TypedTextSafety extends SafetyDeps {
  /** Whether a walk-through can be carried on (reads the session; may fail or be slow). */
  readonly hasWalkthrough?: (tenantId: string, userId: string) => Promise<boolean>;
  /** Keeps what the card fired on for the walk-through's summary (after the card is sent). */
  readonly noteTypedRisks?: (
    tenantId: string,
    userId: string,
    risks: readonly { readonly category: string; readonly words: string }[],
  ) => Promise<void>;
}

/**
 * The safety card for typed text, or undefined. Built from the text alone; the way back into a
 * walk-through is added only when the session answers quickly, and a storage failure only
 * leaves that button out. The user's own words that raised it are shown only in a personal chat.
 */
export async function typedTextSafetyCard(
  deps: TypedTextSafety,
  activity: TurnContext['activity'],
  text: string,
): Promise<SafetyAlertCardData | undefined> {
  const findings = deps.net.check(text);
  if (findings.length === 0) return undefined;
  const { tenantId, userId } = identityOf(activity);
  const personal = conversationKindOf(activity) === 'personal';
  const [contacts, inProgress] = await Promise.all([
    deps.contacts.contactsFor(tenantId),
    personal && deps.hasWalkthrough
      ? settleWithin(deps.hasWalkthrough(tenantId, userId), sessionWaitMs)
      : Promise.resolve(false),
  ]);
  return buildSafetyAlert(
    deps.alert,
    deps.net,
    findings.map((f) => f.id),
    contacts,
    {
      ...(personal ? { words: findings.map((f) => f.words.join(' ')) } : {}),
      ...(inProgress === true
        ? { continueAction: { verb: coachingVerbs.resume, data: { [newMessageFlag]: true } } }
        : {}),
    },
  );
}

export interface SafetyFirstDeps extends TypedTextSafety {
  readonly cards: CardCatalog;
  readonly logger: Logger;
}

/**
 * The safety net on typed chat text, before anything touches storage: danger words are answered
 * with the safety card straight away, and that card is the turn's reply (its button carries a
 * walk-through on). It needs only the text, so a storage failure can neither hide nor hold it.
 * Text with no danger goes on down the chain as usual.
 */
export class SafetyFirst implements Middleware {
  constructor(private readonly deps: SafetyFirstDeps) {}

  async onTurn(turn: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = turn;
    if (isActivityOf(activity, ActivityTypes.Message) && typeof activity.text === 'string') {
      const text = TurnContext.removeRecipientMention(activity) ?? activity.text;
      const card = await typedTextSafetyCard(this.deps, activity, text);
      if (card) {
        await sendSafetyCard(turn, this.deps, card, { reason: 'typed text' });
        await this.keepForSummary(activity, text);
        return;
      }
    }
    await next();
  }

  /** Only once the card is out, only in a personal chat, and a storage failure changes nothing. */
  private async keepForSummary(activity: TurnContext['activity'], text: string): Promise<void> {
    if (!this.deps.noteTypedRisks || conversationKindOf(activity) !== 'personal') return;
    const { tenantId, userId } = identityOf(activity);
    const risks = this.deps.net
      .check(text)
      .map((f) => ({ category: f.id, words: f.words.join(' ') }));
    try {
      await this.deps.noteTypedRisks(tenantId, userId, risks);
    } catch {
      this.deps.logger.warn('typed risk not kept for the summary', { count: risks.length });
    }
  }
}
