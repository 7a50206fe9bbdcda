import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import { AppError, ErrorCodes } from '../../kernel/errors';
import type { CardModels, CardName, CardView } from './cardModels';

/** The Adaptive Card schema version every template targets (Teams supports 1.5 on all clients). */
export const adaptiveCardVersion = '1.5';

type CardJson = Record<string, unknown>;

function invalid(file: string, problem: string): AppError {
  return new AppError(ErrorCodes.cardTemplateInvalid, `Card template ${file} ${problem}.`, {
    catastrophic: true,
  });
}

function checkTemplate(file: string, json: unknown): CardJson {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid(file, 'is not a JSON object');
  }
  const card = json as CardJson;
  if (card.type !== 'AdaptiveCard') throw invalid(file, 'has type other than AdaptiveCard');
  if (card.version !== adaptiveCardVersion)
    throw invalid(file, `is not version ${adaptiveCardVersion}`);
  if (!Array.isArray(card.body)) throw invalid(file, 'has no body array');
  return card;
}

/**
 * Every card template, loaded, checked and prepared once at start (a bad template stops the process
 * with its file name), then rendered with adaptivecards-templating. Data is bound, never evaluated:
 * `${...}` typed by a user stays literal text.
 *
 * A template's `${...}` expressions are parsed when its `Template` is built, so each is built once
 * and bound to new data on every render (expansion is synchronous and keeps no state between
 * renders). Building one per render re-parsed every expression on every turn: about a quarter of
 * the process's time in `npm run bench:turns`.
 */
export class CardCatalog {
  private constructor(private readonly templates: ReadonlyMap<string, ACData.Template>) {}

  static load(directory: string): CardCatalog {
    const templates = new Map<string, ACData.Template>();
    const files = readdirSync(directory)
      .filter((f) => f.endsWith('.json'))
      .sort();
    for (const file of files) {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(path.join(directory, file), 'utf8'));
      } catch {
        throw invalid(file, 'is not valid JSON');
      }
      templates.set(path.basename(file, '.json'), new ACData.Template(checkTemplate(file, json)));
    }
    return new CardCatalog(templates);
  }

  names(): string[] {
    return [...this.templates.keys()];
  }

  /** Renders a template by file name with untyped data: for tests that render every template. */
  renderAny(name: string, data: object): CardJson {
    const template = this.templates.get(name);
    if (!template)
      throw new AppError(ErrorCodes.cardTemplateInvalid, `No card template named ${name}.`);
    return template.expand({ $root: data }) as CardJson;
  }

  /** The card as plain JSON, e.g. for an `Action.Execute` response that replaces a card in place. */
  render<K extends CardName>(name: K, data: CardModels[K]): CardJson {
    return this.renderAny(name, data);
  }

  /** Renders a use case's view (card name and its data). */
  renderView(view: CardView): CardJson {
    return this.renderAny(view.card, view.data);
  }

  /** A use case's view as a message attachment. */
  attachmentOf(view: CardView): Attachment {
    return CardFactory.adaptiveCard(this.renderView(view));
  }

  /** The card as a message attachment. */
  attachment<K extends CardName>(name: K, data: CardModels[K]): Attachment {
    return CardFactory.adaptiveCard(this.render(name, data));
  }
}
