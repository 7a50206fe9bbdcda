import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { WordingCardModels } from '../../../../src/wording/views';

export type WordingCardName = keyof WordingCardModels;

const templates = new Map<string, object>();

/** Renders one of our templates the way the bot's card catalogue does (bound, not evaluated). */
export function render<K extends WordingCardName>(
  name: K,
  data: WordingCardModels[K],
): Record<string, unknown> {
  let template = templates.get(name);
  if (!template) {
    template = JSON.parse(readFileSync(path.resolve('cards', `${name}.json`), 'utf8')) as object;
    templates.set(name, template);
  }
  return new ACData.Template(template).expand({ $root: data }) as Record<string, unknown>;
}

export { actionsOf, problemsOf } from '../../../support/adaptiveCards';

/** Every TextBlock text, in order. */
export function textsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => textsOf(n, out));
  else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'TextBlock' && typeof record.text === 'string') out.push(record.text);
    Object.values(record).forEach((v) => textsOf(v, out));
  }
  return out;
}
