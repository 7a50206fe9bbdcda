import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { useChatSession } from '../support/e2e/chatSession';
import { PlaygroundChat } from '../support/e2e/playgroundChat';
import { eventually } from '../support/eventually';

/** Generous for a slow 2-core CI runner, yet bounded: a bot turn through the playground. */
const turnTimeoutMs = 30_000;

/** The inputs of one card, as a person fills them in the playground (Fluent UI controls). */
class CardForm {
  constructor(readonly card: Locator) {}

  async text(label: string, value: string): Promise<void> {
    await this.card.getByLabel(label).fill(value);
  }

  async radio(group: string, option: string): Promise<void> {
    await this.card
      .getByRole('radiogroup', { name: group })
      .getByLabel(option, { exact: true })
      .check();
  }

  /** A drop-down: its options open in a layer outside the card. */
  /** A tick in a list of ticks: pressing its words ticks it, as a person would. */
  async tick(option: string): Promise<void> {
    await this.card.getByText(option, { exact: true }).click();
  }
}

describe('end to end: a referral in the Agents Playground, in Chromium', function () {
  const session = useChatSession('referral');
  let chat: PlaygroundChat;

  beforeEach(() => {
    ({ chat } = session());
  });

  it('fills the form, corrects a field error, reviews, sends, and sees the receipt turn to "sent" with the receiver’s reference', async function () {
    const at = await chat.ask('refer');
    const waitFor = (text: string) => chat.waitForCardText(at, text, turnTimeoutMs);
    const form = new CardForm(chat.card(at));
    await waitFor('Step 1 of 7');
    const shown = await chat.cardCount();

    await form.text('Your work email', 'practitioner@council.example.org');
    await form.text('Your role', 'Family support worker');
    await form.text('Your team', 'Family Hub North');
    await form.text('Your council or organisation', 'Exampleshire Council');
    await chat.press(at, 'Next');

    await waitFor('Step 2 of 7');
    await form.text('His full name', 'Sam Testperson');
    await form.text('His date of birth', '1988-02-29');
    await form.text('Address line 1', '1 Fictional Street');
    await form.text('Town or city', 'Sampletown');
    await form.text('Postcode', 'ZZ1 1ZZ');
    // Passes the card's own check (digits and spaces) but has nine digits: the server says so.
    await form.text('His phone number', '07700 900 1');
    await form.radio('Does anyone else use or see this phone (is it shared)?', 'No');
    await form.radio('Is it safe to call him?', 'Yes');
    await form.radio('Is it safe to leave him a voicemail or message?', 'No');
    await form.radio('Is it safe to send him texts?', 'Yes');
    await form.radio('Is it safe to send him letters?', 'No');
    await form.radio('Is it safe to email him?', 'Not known');
    await form.radio('Does he need an interpreter?', 'No');
    await chat.press(at, 'Next');
    await waitFor('Enter his phone number as digits');
    assert.match(await chat.cardText(at), /Step 2 of 7/);
    assert.equal(
      await form.card.getByLabel('His full name').inputValue(),
      'Sam Testperson',
      'answers kept',
    );
    await form.text('His phone number', '07700 900 123');
    await chat.press(at, 'Next');

    await waitFor('Step 3 of 7');
    await form.radio("His partner's relationship to him", 'Partner, living together');
    await form.radio('Is either parent under 18?', 'No');
    await chat.press(at, 'Add a child');
    await waitFor('Child 1: age');
    await form.text('Child 1: age', '4');
    await form.radio('Child 1: relationship to him', 'His child');
    await form.radio('Child 1: lives with', 'Both parents');
    await form.radio('Child 1: who has parental responsibility', 'Both parents');
    await chat.press(at, 'Save this child');
    await waitFor('Child 1: age 4');
    await form.radio('Is there a child protection or child in need plan?', 'No plan');
    await form.radio('Does he have other partners, or children living elsewhere?', 'No');
    await chat.press(at, 'Next');

    await waitFor('Step 4 of 7');
    await form.tick('Controlling or coercive behaviour');
    await form.tick('A worker saw or heard it');
    await form.text(
      'What has happened recently',
      // Words that raise no safety card (controlling money would: its card is a new message).
      'Raised his voice at her during the last home visit.',
    );
    await form.radio('How does he respond to the concerns?', 'He minimises it');
    await chat.press(at, 'Next');

    await waitFor('Step 5 of 7');
    await form.radio('Are the police involved?', 'No');
    await form.radio('MARAC', 'Not referred');
    await form.radio('Is he on bail?', 'No');
    await form.radio('Is there a risk to staff who contact or visit him?', 'No');
    await chat.press(at, 'Next');

    await waitFor('Step 6 of 7');
    await form.radio(
      'Lawful basis for sharing (UK GDPR Article 6)',
      'Public task (normal for a council)',
    );
    await form.radio(
      'Condition for special category and criminal-offence data (DPA 2018 Schedule 1)',
      'Safeguarding of children and of individuals at risk',
    );
    await form.text('Why sharing is necessary and proportionate', 'The children live with it.');
    await form.radio('Has he agreed to be referred?', 'Yes, he agreed to this referral');
    await chat.press(at, 'Next');

    await waitFor('Step 7 of 7');
    await form.radio('Does his partner know about this referral?', 'Not known');
    await form.radio('Is a victim service supporting her?', 'Yes');
    await form.radio('Has a DASH risk assessment been completed with her?', 'Not known');
    await form.radio("Has children's safeguarding (MASH) been contacted?", 'No');
    await chat.press(at, 'Check your answers');

    await waitFor('Check your answers before sending');
    // Each section is closed until opened.
    assert.doesNotMatch(await chat.cardText(at), /Sam Testperson/);
    await chat.press(at, 'About him');
    await waitFor('Sam Testperson');
    const review = await chat.cardText(at);
    assert.match(review, /Sam Testperson/);
    assert.match(review, /07700 900 123/);
    assert.equal(await chat.cardCount(), shown, 'every step replaced the same card in place');

    await chat.press(at, 'Send the referral');
    await waitFor('Referral submitted');
    const receipt = await eventually('the receipt as a new message', async () =>
      (await chat.cardCount()) > shown ? shown : undefined,
    );
    // Queued first; the delivery worker's status change then updates the same message in place.
    await chat.waitForCardText(receipt, 'Received by the partnership', turnTimeoutMs);
    const text = await chat.cardText(receipt);
    // The sandbox's intake receiver answers with references like DPP-7K2M9QXA.
    assert.match(text, /Partnership reference:\s*DPP-[A-Z0-9]{8}/);
    assert.equal(await chat.cardCount(), shown + 1, 'the receipt was updated, not sent again');
    assert.doesNotMatch(text, /Sam Testperson|07700|Fictional/, 'no personal data on the receipt');
  });
});
