/**
 * Fills `${{NAME}}` placeholders in the string values of a parsed JSON template. Working on parsed
 * values (not on the raw text) means a value can never break the JSON or inject properties.
 */
export type FillResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problems: readonly string[] };

const placeholder = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export function fillTemplate(
  template: unknown,
  values: Readonly<Record<string, string>>,
): FillResult {
  const problems: string[] = [];
  const visit = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') {
      return node.replace(placeholder, (whole, name: string) => {
        const value = values[name];
        if (value === undefined) {
          problems.push(`unknown placeholder ${whole} at ${path || '/'}`);
          return whole;
        }
        return value;
      });
    }
    if (Array.isArray(node)) return node.map((item, i) => visit(item, `${path}/${i}`));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, item]) => [key, visit(item, `${path}/${key}`)]),
      );
    }
    return node;
  };
  const value = visit(template, '');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}
