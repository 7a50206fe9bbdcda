import {
  ActivityTypes,
  CardFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type FileConsentCardResponse,
  type InvokeResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import { newMessageFlag } from '../coaching';
import { fingerprint } from '../kernel/hash';
import { welcomeVerbs } from '../kernel/verbs';
import type { Logger } from '../logging/logger';
import { recordTurn } from '../telemetry/metrics';
import type { ActionContext, CardJson, Reply, VerbTable } from './actions/actionTable';
import {
  notice,
  personalOnlyNotice,
  somethingWentWrong,
  welcomeCardData,
  type SharedScope,
} from './actions/welcomeActions';
import { conversationKindOf, identityOf, tenantOf } from './activityFacts';
import type { CardAction } from './cards/cardModels';
import type { CardCatalog } from './cards/cardCatalog';
import type { FileExports } from './fileExports';
import { carriesFiles, filesRefusedText } from './incomingFiles';
import { isPersonalOnly, personalChatLink } from './conversationScope';
import { botCommands, commandWords, greetingWords, leaveWords } from './commands';
import type { TextResponder } from './textResponders';
import type { WordingMessageExtension } from './wordingMessageExtension';

export interface BotDependencies {
  readonly cards: CardCatalog;
  readonly actions: VerbTable;
  /** Asked in order for text that is not a command; the help card answers when none does. */
  readonly textResponders: readonly TextResponder[];
  /** Answers the compose-box wording search (composeExtension/query). */
  readonly wordingSearch: WordingMessageExtension;
  readonly logger: Logger;
  /** The bot's app id (MicrosoftAppId), for the deep link to its personal chat. */
  readonly appId?: string;
  /** Files offered by consent card (the confidence CSV): their accept and decline. */
  readonly files?: FileExports;
  /** The baseline confidence check-in, sent after the welcome on first install in a personal chat. */
  readonly baselineCheckIn?: () => CardJson;
}

function cardOf(outcome: Reply): CardJson | undefined {
  return outcome.kind === 'card' ? outcome.card : undefined;
}

const newMessageNote = 'Opened below this card.';

/** Card data without the new-message flag, and whether it was set. */
function splitNewMessage(data: unknown): { data: unknown; asNewMessage: boolean } {
  if (typeof data !== 'object' || data === null || !(newMessageFlag in data)) {
    return { data, asNewMessage: false };
  }
  const { [newMessageFlag]: flag, ...rest } = data as Record<string, unknown>;
  return { data: rest, asNewMessage: flag === true };
}

/** Tenants times activity types; past this the cache starts again (it only saves work). */
const maxTurnLoggers = 1000;

const adaptiveCardResponseType = 'application/vnd.microsoft.card.adaptive';
const messageResponseType = 'application/vnd.microsoft.activity.message';

/**
 * Thin Teams handler: notices events and hands them to the action table. Text commands and card
 * buttons end up in the same handlers; no feature logic lives here.
 */
export class DareCoachBot extends TeamsActivityHandler {
  private readonly turnLoggers = new Map<string, Logger>();

  constructor(private readonly deps: BotDependencies) {
    super();

    this.onMessage(async (turn, next) => {
      if (carriesFiles(turn.activity)) {
        // Never read, never stored: a file may hold a family's details.
        this.turnLogger(turn).info('files refused', {});
        await turn.sendActivity(filesRefusedText);
      } else {
        await this.handleText(turn);
      }
      await next();
    });

    // Teams sends both installationUpdate and conversationUpdate (membersAdded) on install:
    // greet on the first only, so the user sees one welcome card.
    this.onInstallationUpdateAdd(async (turn, next) => {
      await this.sendWelcome(turn);
      await next();
    });
  }

  /** botbuilder answers invoke names no handler knows with 501 and no body; we answer 200. */
  protected override async onInvokeActivity(turn: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(turn);
    return response.status === 501 ? { status: 200 } : response;
  }

  protected override async onAdaptiveCardInvoke(
    turn: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const verb = typeof invokeValue.action?.verb === 'string' ? invokeValue.action.verb : '';
    recordTurn(this.deps.actions.has(verb) ? verb : 'unknown');
    const { data, asNewMessage } = splitNewMessage(invokeValue.action?.data);
    try {
      const outcome = await this.runAction(turn, verb, data);
      if (outcome.kind === 'card' && asNewMessage) {
        // The pressed card (a summary, a safety card) stays in the chat; the answer goes below it.
        await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(outcome.card)] });
        const message = newMessageNote as unknown as Record<string, unknown>;
        return { statusCode: 200, type: messageResponseType, value: message };
      }
      if (outcome.kind === 'message') {
        // Universal Actions allow a plain message here; botbuilder's type only models card bodies.
        const message = outcome.text as unknown as Record<string, unknown>;
        return { statusCode: 200, type: messageResponseType, value: message };
      }
      return { statusCode: 200, type: adaptiveCardResponseType, value: outcome.card };
    } catch (err) {
      // The card stays usable: the user sees what to do next, never the error itself.
      this.turnLogger(turn).error('card action failed', { verb }, err);
      return {
        statusCode: 200,
        type: adaptiveCardResponseType,
        value: somethingWentWrong(
          this.deps.cards,
          err,
          this.retryOf(verb, invokeValue.action?.data),
        ),
      };
    }
  }

  /** The press to offer again after a failure: only a registered verb, with the card's own data. */
  private retryOf(verb: string, data: unknown): CardAction | undefined {
    if (!this.deps.actions.has(verb)) return undefined;
    const flat: Record<string, string | number | boolean> = {};
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
      for (const [key, value] of Object.entries(data)) {
        if (['string', 'number', 'boolean'].includes(typeof value)) {
          flat[key] = value as string | number | boolean;
        }
      }
    }
    return { title: 'Try again', verb, data: flat };
  }

  protected override async handleTeamsMessagingExtensionQuery(
    turn: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    const logger = this.turnLogger(turn);
    logger.debug('message extension query', { command: query.commandId });
    recordTurn('compose.search');
    return this.deps.wordingSearch(identityOf(turn.activity).tenantId, query, logger);
  }

  private async handleText(turn: TurnContext): Promise<void> {
    const text = (
      TurnContext.removeRecipientMention(turn.activity) ??
      turn.activity.text ??
      ''
    ).trim();
    const words = text.toLowerCase().split(/\s+/);
    const leaving = (leaveWords as readonly string[]).includes(commandWords(text).join(' '));
    const command = leaving
      ? { command: 'leave', action: welcomeVerbs.leave }
      : words.length === 1
        ? botCommands.find((c) => c.command === words[0])
        : undefined;
    const logger = this.turnLogger(turn);
    recordTurn(command ? command.action : 'text');
    let card: CardJson | undefined;
    if (command) {
      logger.debug('text command', { command: command.command });
      const outcome = await this.runAction(turn, command.action, {});
      if (outcome.kind === 'message') {
        await turn.sendActivity(outcome.text);
        return;
      }
      card = outcome.card;
    } else if (!(greetingWords as readonly string[]).includes(words[0] ?? '') || words.length > 1) {
      const context = this.actionContext(turn, logger);
      for (const respond of this.deps.textResponders) {
        card = await respond(context, text);
        if (card) break;
      }
    }
    card ??= cardOf(await this.runAction(turn, welcomeVerbs.show, {}));
    if (card) await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  }

  private async sendWelcome(turn: TurnContext): Promise<void> {
    const shared = this.sharedScopeOf(turn);
    const data = welcomeCardData(undefined, false, shared);
    await turn.sendActivity({ attachments: [this.deps.cards.attachment('welcome', data)] });
    // First use in the personal chat: the baseline check-in, below the menu ("Not now" skips it).
    const baseline = shared ? undefined : this.deps.baselineCheckIn?.();
    if (baseline) await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(baseline)] });
  }

  protected override async handleTeamsFileConsentAccept(
    turn: TurnContext,
    response: FileConsentCardResponse,
  ): Promise<void> {
    const { tenantId, userId } = identityOf(turn.activity);
    if (!this.deps.files || this.sharedScopeOf(turn)) return;
    await this.deps.files.accept(turn, tenantId, userId, response);
  }

  protected override async handleTeamsFileConsentDecline(turn: TurnContext): Promise<void> {
    await this.deps.files?.decline(turn);
  }

  /** Set in a group chat or channel: what may run there, and the way to the personal chat. */
  private sharedScopeOf(turn: TurnContext): SharedScope | undefined {
    const kind = conversationKindOf(turn.activity);
    if (kind === 'personal') return undefined;
    return { kind, link: personalChatLink(this.deps.appId, turn.activity) };
  }

  /**
   * In a shared chat, before any handler (and so before anything is read or stored): coaching
   * and referrals answer with the way to the personal chat; the menu shows only what runs here.
   */
  private sharedChatOutcome(turn: TurnContext, verb: string): Reply | undefined {
    const shared = this.sharedScopeOf(turn);
    if (!shared) return undefined;
    if (isPersonalOnly(verb)) {
      this.turnLogger(turn).info('personal-only action in a shared chat', { verb });
      return { kind: 'card', card: personalOnlyNotice(this.deps.cards, shared.link) };
    }
    if (verb === welcomeVerbs.show || verb === welcomeVerbs.leave) {
      return {
        kind: 'card',
        card: this.deps.cards.render('welcome', welcomeCardData(undefined, false, shared)),
      };
    }
    return undefined;
  }

  /** Looks the verb up, parses its data at the edge, and always returns something to show. */
  private async runAction(turn: TurnContext, verb: string, data: unknown): Promise<Reply> {
    const sharedChat = this.sharedChatOutcome(turn, verb);
    if (sharedChat) return sharedChat;
    const logger = this.turnLogger(turn);
    if (!this.deps.actions.has(verb)) {
      logger.warn('unknown card action', { verb: 'unknown' });
      return {
        kind: 'card',
        card: notice(this.deps.cards, {
          title: 'This card is out of date',
          text: 'That button is no longer in use. Start again from the menu.',
        }),
      };
    }
    const outcome = await this.deps.actions.run(this.actionContext(turn, logger), verb, data);
    if (outcome.kind === 'invalidData') {
      logger.warn('card action data refused', { verb, count: outcome.fields.length });
      return {
        kind: 'card',
        card: notice(this.deps.cards, {
          title: 'This card is out of date',
          text: 'That card could not be read. Start again from the menu.',
        }),
      };
    }
    logger.debug('card action', { verb });
    return outcome;
  }

  private actionContext(turn: TurnContext, logger: Logger): ActionContext {
    const { activity } = turn;
    return {
      turn,
      ...identityOf(activity),
      cards: this.deps.cards,
      logger,
    };
  }

  /** One child logger per tenant and activity type, made once: a turn does not pay for it. */
  private turnLogger(turn: TurnContext): Logger {
    const tenantId = tenantOf(turn.activity);
    const activityType = turn.activity.type ?? ActivityTypes.Message;
    const key = `${activityType}\n${tenantId ?? ''}`;
    let logger = this.turnLoggers.get(key);
    if (!logger) {
      if (this.turnLoggers.size >= maxTurnLoggers) this.turnLoggers.clear();
      logger = this.deps.logger.child({
        activityType,
        tenantHash: tenantId ? fingerprint(tenantId) : 'none',
      });
      this.turnLoggers.set(key, logger);
    }
    return logger;
  }
}
