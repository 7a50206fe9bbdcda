import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { AppError, ErrorCodes } from './errors';
import { CompiledTemplate } from './templateExpansion';

/** The Adaptive Card schema version every template targets (Teams supports 1.5 on all clients). */
export const adaptiveCardVersion = '1.5';

/** A rendered Adaptive Card, as plain JSON: what any channel adapter sends or updates. */
export type CardJson = Record<string, unknown>;

/**
 * A card name with its matching data, derived from a card-model map (template name → data model):
 * what use cases return for a renderer. Declare the map once; the union follows from it.
 */
export type CardViewOf<Models> = {
  [K in keyof Models]: { readonly card: K; readonly data: Models[K] };
}[keyof Models];

/** Template + data → Adaptive Card JSON, typed by a card-model map. Framework-free. */
export interface CardRenderer<Models> {
  render<K extends keyof Models & string>(name: K, data: Models[K]): CardJson;
  renderView(view: CardViewOf<Models>): CardJson;
}

/** One template, ready to bind data to. */
interface Expander {
  expand(data: object): unknown;
}

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
 * Every card template in a folder, loaded, checked and prepared once at start (a bad template stops
 * the process with its file name), then rendered with adaptivecards-templating. Data is bound,
 * never evaluated: `${...}` typed by a user stays literal text.
 *
 * A template's `${...}` expressions are parsed when its `Template` is built, so each is built once
 * and bound to new data on every render (expansion is synchronous and keeps no state between
 * renders). Building one per render re-parsed every expression on every turn: about a quarter of
 * the process's time in `npm run bench:turns`. Rendering runs that prepared template
 * compiled once into functions by `CompiledTemplate` (./templateExpansion.ts).
 */
export class TemplateCardRenderer<Models> implements CardRenderer<Models> {
  private constructor(private readonly templates: ReadonlyMap<string, Expander>) {}

  static load<Models>(directory: string): TemplateCardRenderer<Models> {
    const templates = new Map<string, Expander>();
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
      const template = new ACData.Template(checkTemplate(file, json));
      const compiled = CompiledTemplate.of(template);
      templates.set(path.basename(file, '.json'), {
        expand: compiled
          ? (data) => compiled.expand(data)
          : (data) => template.expand({ $root: data }) as unknown,
      });
    }
    return new TemplateCardRenderer<Models>(templates);
  }

  names(): string[] {
    return [...this.templates.keys()];
  }

  /** Renders a template by file name with untyped data: for tests that render every template. */
  renderAny(name: string, data: object): CardJson {
    const template = this.templates.get(name);
    if (!template)
      throw new AppError(ErrorCodes.cardTemplateInvalid, `No card template named ${name}.`);
    return template.expand(data) as CardJson;
  }

  render<K extends keyof Models & string>(name: K, data: Models[K]): CardJson {
    return this.renderAny(name, data as object);
  }

  renderView(view: CardViewOf<Models>): CardJson {
    return this.renderAny(view.card as string, view.data as object);
  }
}
