import { CardFactory, type Attachment } from 'botbuilder';
import { TemplateCardRenderer, type CardRenderer, type CardJson } from '../../kernel/cardRenderer';
import type { CardModels, CardName, CardView } from './cardModels';

export { adaptiveCardVersion } from '../../kernel/cardRenderer';

/**
 * The bot's side of card rendering: the framework-free renderer over `cards/`, typed by every
 * feature's card models, and its output wrapped as botbuilder attachments. Nothing else here.
 */
export class CardCatalog implements CardRenderer<CardModels> {
  constructor(readonly renderer: TemplateCardRenderer<CardModels>) {}

  static load(directory: string): CardCatalog {
    return new CardCatalog(TemplateCardRenderer.load<CardModels>(directory));
  }

  names(): string[] {
    return this.renderer.names();
  }

  /** Renders a template by file name with untyped data: for tests that render every template. */
  renderAny(name: string, data: object): CardJson {
    return this.renderer.renderAny(name, data);
  }

  /** The card as plain JSON, e.g. for an `Action.Execute` response that replaces a card in place. */
  render<K extends CardName>(name: K, data: CardModels[K]): CardJson {
    return this.renderer.render(name, data);
  }

  /** Renders a use case's view (card name and its data). */
  renderView(view: CardView): CardJson {
    return this.renderer.renderView(view);
  }

  /** A use case's view as a message attachment. */
  attachmentOf(view: CardView): Attachment {
    return cardAttachment(this.renderView(view));
  }

  /** The card as a message attachment. */
  attachment<K extends CardName>(name: K, data: CardModels[K]): Attachment {
    return cardAttachment(this.render(name, data));
  }
}

/** Rendered card JSON as a botbuilder message attachment. */
export function cardAttachment(card: CardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}
