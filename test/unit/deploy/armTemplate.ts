import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../../../src/dev/package/paths';

/** Test helpers that read deploy/azuredeploy.json as data: typed access and expression checks. */

const parameter = z.looseObject({
  type: z.string(),
  defaultValue: z.unknown().optional(),
  minLength: z.number().optional(),
  allowedValues: z.array(z.unknown()).optional(),
});

const resource = z.looseObject({
  type: z.string(),
  apiVersion: z.string(),
  name: z.string(),
  location: z.string().optional(),
  scope: z.string().optional(),
  kind: z.string().optional(),
  dependsOn: z.array(z.string()).default([]),
  identity: z.unknown().optional(),
  properties: z.unknown().optional(),
});
export type ArmResource = z.infer<typeof resource>;

const template = z.object({
  $schema: z.string(),
  parameters: z.record(z.string(), parameter),
  variables: z.record(z.string(), z.unknown()),
  resources: z.array(resource),
  outputs: z.record(z.string(), z.looseObject({ type: z.string(), value: z.unknown() })),
});
export type ArmTemplate = z.infer<typeof template>;

const parametersFile = z.object({
  parameters: z.record(z.string(), z.object({ value: z.unknown() })),
});

function readJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(repoRoot, relativePath), 'utf8'));
}

export function loadTemplate(): ArmTemplate {
  return template.parse(readJson('deploy/azuredeploy.json'));
}

export function loadParametersFile(): z.infer<typeof parametersFile> {
  return parametersFile.parse(readJson('deploy/azuredeploy.parameters.json'));
}

/** The only resource of `type`; fails when there is none or more than one. */
export function theResource(t: ArmTemplate, type: string): ArmResource {
  const found = t.resources.filter((r) => r.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as ArmResource;
}

/** Parses part of a resource with a schema, so tests read typed values. */
export function read<T>(schema: z.ZodType<T>, value: unknown): T {
  return schema.parse(value);
}

/** Every string in the template, with its JSON path. */
export function allStrings(node: unknown, path = ''): { path: string; value: string }[] {
  if (typeof node === 'string') return [{ path, value: node }];
  if (Array.isArray(node)) return node.flatMap((item, i) => allStrings(item, `${path}/${i}`));
  if (node !== null && typeof node === 'object') {
    return Object.entries(node).flatMap(([key, item]) => [
      ...allStrings(key, `${path}/(key)`),
      ...allStrings(item, `${path}/${key}`),
    ]);
  }
  return [];
}

/** ARM expressions (`[...]`, but not the `[[` escape) anywhere in the template. */
export function expressions(t: ArmTemplate): { path: string; value: string }[] {
  return allStrings(t).filter(({ value }) => value.startsWith('[') && !value.startsWith('[['));
}

/** Why an expression is malformed (unbalanced brackets or quotes), or undefined when it is fine. */
export function expressionSyntaxProblem(expression: string): string | undefined {
  if (!expression.endsWith(']')) return 'does not end with ]';
  const open: string[] = [];
  const pairs: Readonly<Record<string, string>> = { ')': '(', ']': '[' };
  let inQuote = false;
  for (let i = 0; i < expression.length; i += 1) {
    const c = expression.charAt(i);
    if (c === "'") {
      // '' is an escaped quote inside a string literal
      if (inQuote && expression.charAt(i + 1) === "'") i += 1;
      else inQuote = !inQuote;
    } else if (!inQuote && (c === '(' || c === '[')) open.push(c);
    else if (!inQuote && (c === ')' || c === ']')) {
      if (open.pop() !== pairs[c]) return `unbalanced ${c} at ${i}`;
    }
  }
  if (inQuote) return 'unterminated string';
  return open.length === 0 ? undefined : 'unclosed bracket';
}

/** Names used as `parameters('x')` or `variables('x')` in expressions. */
export function references(t: ArmTemplate, kind: 'parameters' | 'variables'): Set<string> {
  const names = new Set<string>();
  for (const { value } of expressions(t)) {
    for (const match of value.matchAll(new RegExp(`${kind}\\('([^']+)'\\)`, 'g')))
      names.add(match[1] ?? '');
  }
  return names;
}
