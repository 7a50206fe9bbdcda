import { ActivityTypes, TurnContext, type Middleware } from 'botbuilder';
import { coachingVerbs } from '../coaching';
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
      ...(inProgress === true ? { continueAction: { verb: coachingVerbs.resume, data: {} } } : {}),
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
        return;
      }
    }
    await next();
  }
}
