import assert from 'node:assert/strict';
import type { Activity, TestAdapter } from 'botbuilder';
import { aCardAction, aMessage } from './builders';
import { buttonsOf, cardOf, invokeCardOf, runTurn, textsOf, type CardButton } from './botHarness';

type Card = Record<string, unknown>;

/**
 * A practitioner in a Teams chat, as far as the bot can tell: types text, presses buttons on the
 * card in view (which the bot replaces in place), and receives new messages.
 */
export class CardUser {
  /** The card the user is looking at (the last one sent or updated in place). */
  card: Card | undefined;
  /** Cards that arrived as new messages during the last turn (e.g. a safety card). */
  newCards: Card[] = [];
  private readonly kept = new Map<string, Card>();

  /** The text of the last invoke answered with a message (the card in view left unchanged). */
  lastMessage: string | undefined;

  constructor(private readonly adapter: TestAdapter) {}

  async say(text: string): Promise<Card | undefined> {
    await this.turn(aMessage(text));
    this.card = this.newCards.at(-1) ?? this.card;
    return this.card;
  }

  /** Presses the button whose title matches, sending the card's inputs as Teams would. */
  async press(title: RegExp | string, inputs: Record<string, unknown> = {}): Promise<Card> {
    const button = this.button(title);
    const replies = await this.turn(aCardAction(button.verb, { ...button.data, ...inputs }));
    const response = replies.at(-1);
    assert.equal(response?.type, 'invokeResponse', 'an Action.Execute gets an invoke response');
    this.newCards = this.newCards.filter((c) => c !== invokeCardOf(response ?? {}));
    const body = (response?.value as { body?: { type?: string; value?: unknown } } | undefined)
      ?.body;
    if (body?.type === 'application/vnd.microsoft.activity.message') {
      this.lastMessage = String(body.value);
      assert.ok(this.card);
      return this.card;
    }
    const updated = invokeCardOf(response ?? {});
    assert.ok(updated, 'the pressed card is replaced in place');
    this.card = updated;
    this.lastMessage = undefined;
    return updated;
  }

  /** Keeps the card in view, so a button on this old copy can be pressed later. */
  keep(name: string): void {
    assert.ok(this.card);
    this.kept.set(name, this.card);
  }

  /** Presses a button on a kept (possibly out-of-date) copy of a card. */
  async pressOn(name: string, title: RegExp | string): Promise<Card> {
    const current = this.card;
    this.card = this.kept.get(name);
    try {
      return await this.press(title);
    } catch (err) {
      this.card = current;
      throw err;
    }
  }

  button(title: RegExp | string): CardButton {
    const buttons = buttonsOf(this.card);
    const match = buttons.find((b) =>
      typeof title === 'string' ? b.title === title : title.test(b.title),
    );
    assert.ok(
      match,
      `no button ${String(title)} among: ${buttons.map((b) => b.title).join(' | ')}`,
    );
    return match;
  }

  text(): string {
    return textsOf(this.card).join('\n');
  }

  private async turn(activity: Partial<Activity>): Promise<Array<Partial<Activity>>> {
    const replies = await runTurn(this.adapter, activity);
    this.newCards = replies.map((r) => cardOf(r)).filter((c): c is Card => c !== undefined);
    return replies;
  }
}
