import type { Locator, Page } from 'playwright-core';
import { eventually, type PollOptions } from '../eventually';

const cardClass = 'ac-adaptiveCard';
/** XPath test for an element carrying the card root class. */
const hasCardClass = `contains(concat(' ', normalize-space(@class), ' '), ' ${cardClass} ')`;

/**
 * The personal chat in the Agents Playground, as a user sees it. Cards are found by the class
 * the Adaptive Cards renderer gives every card root (`ac-adaptiveCard`), and identified by their
 * position in the conversation: a card updated in place keeps its position and the count of
 * cards stays the same, where a new message would add one at the end.
 */
export class PlaygroundChat {
  constructor(readonly page: Page) {}

  private get cards(): Locator {
    return this.page.locator(`.${cardClass}`);
  }

  cardCount(): Promise<number> {
    return this.cards.count();
  }

  card(index: number): Locator {
    return this.cards.nth(index);
  }

  async cardText(index: number): Promise<string> {
    return this.card(index).innerText();
  }

  /** The titles of a card's buttons, in order. */
  async buttons(index: number): Promise<string[]> {
    const names = await this.card(index).getByRole('button').allInnerTexts();
    return names.map((name) => name.trim());
  }

  /**
   * Waits until at least `atLeast` cards are shown and no new one has arrived for `quietMs`: the
   * greeting a fresh chat gets is in, so later counts are not disturbed by it.
   */
  async settle(options: {
    atLeast: number;
    quietMs?: number;
    timeoutMs?: number;
  }): Promise<number> {
    const quietMs = options.quietMs ?? 1_500;
    let last = -1;
    let since = Date.now();
    return eventually(
      () =>
        `at least ${options.atLeast} card(s), then ${quietMs} ms without a new one (seen: ${last})`,
      async () => {
        const count = await this.cardCount();
        if (count !== last) {
          last = count;
          since = Date.now();
          return undefined;
        }
        return count >= options.atLeast && Date.now() - since >= quietMs ? count : undefined;
      },
      { timeoutMs: options.timeoutMs ?? 45_000, intervalMs: 250 },
    );
  }

  /** The chat's message box: the text box that is not an input on a card. */
  private get messageBox(): Locator {
    return this.page
      .getByRole('textbox')
      .and(this.page.locator(`xpath=//*[not(ancestor-or-self::*[${hasCardClass}])]`));
  }

  /**
   * Types into the message box and sends it with Enter. A card with a text input (a step's notes)
   * may be on screen too; only the message box is used.
   */
  async send(text: string): Promise<void> {
    const box = this.messageBox;
    await box.waitFor({ state: 'visible' });
    await box.fill(text);
    await box.press('Enter');
  }

  /** The user's chat messages reading exactly `text`, oldest first. */
  private userMessages(text: string): Locator {
    if (text.includes("'")) throw new Error('PlaygroundChat: quotes are not supported');
    // A chat message is the content beside its "Message header"; the log panel repeats the text
    // of every message, so a plain text search would find that instead.
    return this.page.locator(
      `xpath=//*[@aria-label='Message header']/following-sibling::*[normalize-space(.)='${text}']`,
    );
  }

  /**
   * Waits for the user's message `text` and the first card after it (the bot's answer), and
   * returns that card's position in the chat. With the same words sent twice, it may find the
   * first; use `ask` then.
   */
  async answerTo(text: string): Promise<number> {
    const message = this.userMessages(text).last();
    await message.waitFor({ state: 'visible' });
    await message
      .locator(`xpath=following::*[${hasCardClass}]`)
      .first()
      .waitFor({ state: 'visible' });
    return message.locator(`xpath=preceding::*[${hasCardClass}]`).count();
  }

  /**
   * Sends `text` and returns the position of the bot's answer: the first card after this new
   * message, never the answer to an earlier message with the same words (which may still be the
   * last one shown for a moment after sending).
   */
  async ask(text: string, options: PollOptions = {}): Promise<number> {
    const shown = await this.cardCount();
    const message = this.userMessages(text).last();
    await this.send(text);
    return eventually(
      `the answer to "${text}" (after card ${shown})`,
      async () => {
        if (!(await message.isVisible())) return undefined;
        const index = await message.locator(`xpath=preceding::*[${hasCardClass}]`).count();
        // Fewer cards before it than were shown before sending: an older copy of the words.
        if (index < shown) return undefined;
        const after = await message.locator(`xpath=following::*[${hasCardClass}]`).count();
        return after > 0 ? index : undefined;
      },
      { timeoutMs: options.timeoutMs ?? 30_000, intervalMs: options.intervalMs ?? 200 },
    );
  }

  /**
   * In a group chat or channel, sends `text` with an @mention of the bot picked from the
   * playground's mention menu: the playground forwards a shared-chat message to the bot only when
   * it mentions the bot, as Teams does.
   */
  async sendMentioningBot(botName: string, text: string): Promise<void> {
    // In a channel, the first box starts a new post (the others reply to a post).
    const box = this.messageBox.first();
    await box.waitFor({ state: 'visible' });
    await box.click();
    await box.pressSequentially(`@${botName.split(' ')[0] ?? botName}`);
    await this.page.getByRole('menuitem', { name: botName }).first().click();
    await box.pressSequentially(` ${text}`);
    await box.press('Enter');
  }

  /** Waits until the card at `index` shows `text`. */
  async waitForCardText(index: number, text: string, timeoutMs?: number): Promise<void> {
    await this.card(index)
      .getByText(text)
      .first()
      .waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Presses `title` on the card at `index` and waits for that same card to show `expected`. */
  async pressAndExpect(
    index: number,
    title: string,
    expected: string,
    timeoutMs?: number,
  ): Promise<void> {
    await this.press(index, title);
    await this.waitForCardText(index, expected, timeoutMs);
  }

  /**
   * Asks for the menu and returns the welcome card's position in the chat. The same words may be
   * in the chat more than once: `ask` finds the answer to this message.
   */
  async openMenu(timeoutMs?: number): Promise<number> {
    const welcome = await this.ask('help', timeoutMs === undefined ? {} : { timeoutMs });
    await this.waitForCardText(welcome, 'Prepare for a conversation', timeoutMs);
    return welcome;
  }

  /** Presses the button titled `title` on the card at `index`. */
  async press(index: number, title: string): Promise<void> {
    await this.card(index).getByRole('button', { name: title, exact: true }).click();
  }
}
