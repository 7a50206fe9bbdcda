import * as ACData from 'adaptivecards-templating';

/**
 * adaptivecards-templating's expansion, walked here over the template it has already prepared,
 * with one shortcut: a binding that is only a field path (`${title}`, `${change.verb}`,
 * `${$root.scale}`, and such paths inside a string) is looked up directly instead of through
 * adaptive-expressions. Those are most of the bindings in `cards/`, and the library's lookup
 * builds the path as a string, splits it with a regular expression and lower-cases every key of
 * every object on the way (it matches field names case-insensitively): about a quarter of a
 * referral turn's CPU and much of its garbage. The lookup here gives the same answer (first key
 * equal ignoring case, in key order; a missing field left as `${path}` in text), and every other
 * expression (`count(x) > 0`, `if(...)`, comparisons) still goes to the library's own evaluator.
 * A test renders every card both ways and compares them.
 */

/** The parts of an adaptive-expressions Expression read here (the package is the library's peer). */
interface Expression {
  readonly type: string;
  readonly children: readonly Expression[];
  readonly value?: unknown;
  tryEvaluate(state: unknown, options?: unknown): Evaluated;
  toString(): string;
}

interface Evaluated {
  value: unknown;
  /** adaptive-expressions reports an error as a message. */
  error?: string;
}

/** What the library's evaluator reads from its evaluation context. */
interface Context {
  $root: unknown;
  $host: unknown;
  $index: unknown;
  $_acTemplateVersion: unknown;
  readonly $data: unknown;
}

type LibraryEvaluate = (expression: Expression, context: Context, substitute: boolean) => Evaluated;

interface TemplateInternals {
  readonly _preparedPayload?: unknown;
}

const libraryEvaluate = (ACData.Template as unknown as { internalTryEvaluateExpression?: unknown })
  .internalTryEvaluateExpression as LibraryEvaluate | undefined;

const reservedFields = new Set([
  '$data',
  '$when',
  '$root',
  '$index',
  '$host',
  '$_acTemplateVersion',
]);

const isExpression = (node: unknown): node is Expression =>
  typeof node === 'object' &&
  node !== null &&
  typeof (node as { tryEvaluate?: unknown }).tryEvaluate === 'function';

/** A name the library's path splitting keeps whole (no dots, brackets, quotes or leading digit). */
const plainName = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The field path of an expression that is only a path (`a`, `a.b`, `$root.a`), else undefined. */
function pathOf(expression: Expression): string[] | undefined {
  const names: string[] = [];
  let link: Expression | undefined = expression;
  while (link) {
    if (link.type !== 'Accessor') return undefined;
    const name: Expression | undefined = link.children[0];
    const inner: Expression | undefined = link.children[1];
    if (name?.type !== 'Constant' || typeof name.value !== 'string') return undefined;
    if (!plainName.test(name.value) || link.children.length > 2) return undefined;
    names.unshift(name.value);
    link = inner;
  }
  return names;
}

/** The object the library offers bindings as `$_acTemplateVersion` (read from the library). */
function templateVersion(): unknown {
  return new ACData.Template('${$_acTemplateVersion}').expand({ $root: {} }) as unknown;
}

/** The library's evaluation context: `$data` is the innermost data, or the root. */
class ExpansionContext implements Context {
  $index: unknown = undefined;
  data: unknown = undefined;
  $host: unknown = undefined;
  readonly $_acTemplateVersion: unknown;

  constructor(
    readonly $root: unknown,
    version: unknown,
  ) {
    this.$_acTemplateVersion = version;
  }

  get $data(): unknown {
    return this.data !== undefined ? this.data : this.$root;
  }
}

/** The library's field lookup: own enumerable keys, the first equal ignoring case. */
function field(scope: unknown, name: string): unknown {
  if (!scope) return undefined;
  if (scope instanceof Map) {
    const map = scope as Map<unknown, unknown>;
    const exact = map.get(name);
    if (exact !== undefined) return exact;
    const lower = name.toLowerCase();
    for (const key of map.keys()) {
      if (typeof key === 'string' && key.toLowerCase() === lower) return map.get(key);
    }
    return undefined;
  }
  const lower = name.toLowerCase();
  for (const key of Object.keys(scope)) {
    if (key.length === name.length && key.toLowerCase() === lower) {
      return (scope as Record<string, unknown>)[key];
    }
  }
  return undefined;
}

/** The context's own fields, as the library's memory object exposes them (ignoring case). */
function contextField(context: Context, name: string): unknown {
  switch (name.toLowerCase()) {
    case '$root':
      return context.$root;
    case '$data':
      return context.$data;
    case '$index':
      return context.$index;
    case '$host':
      return context.$host;
    case '$_actemplateversion':
      return context.$_acTemplateVersion;
    default:
      return undefined;
  }
}

/** What the library shows for a missing field in text: `${path}`, or the app's substitution. */
function substitution(path: string): string {
  const custom = ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString?.(path);
  return custom ? custom : '${' + path + '}';
}

/** A prepared template expanded with the shortcut; see the file's note. */
export class PreparedExpansion {
  private readonly paths = new WeakMap<Expression, { path: string; names: string[] } | null>();
  private readonly version = templateVersion();

  private constructor(
    private readonly prepared: unknown,
    private readonly evaluate: LibraryEvaluate,
  ) {}

  /** Undefined when the library's internals are not as expected (then its own expand is used). */
  static of(template: ACData.Template): PreparedExpansion | undefined {
    const prepared = (template as unknown as TemplateInternals)._preparedPayload;
    if (prepared === undefined || typeof libraryEvaluate !== 'function') return undefined;
    return new PreparedExpansion(prepared, libraryEvaluate.bind(ACData.Template));
  }

  expand(root: unknown): unknown {
    return this.node(this.prepared, new ExpansionContext(root, this.version));
  }

  private pathInfo(expression: Expression) {
    let info = this.paths.get(expression);
    if (info === undefined) {
      const names = pathOf(expression);
      info = names ? { path: names.join('.'), names } : null;
      this.paths.set(expression, info);
    }
    return info;
  }

  /** The library's lookup of a field path: relative to `$data` unless it starts with `$`. */
  private lookup(context: Context, names: readonly string[]): unknown {
    const [first = ''] = names;
    let value = first.startsWith('$') ? contextField(context, first) : field(context.$data, first);
    for (let i = 1; i < names.length; i++) value = field(value, names[i] ?? '');
    return value;
  }

  private evaluateExpression(
    expression: Expression,
    context: Context,
    substitute: boolean,
  ): Evaluated {
    const info = this.pathInfo(expression);
    if (info) {
      const value = this.lookup(context, info.names);
      if (value !== undefined || !substitute) return { value };
      return { value: substitution(info.path) };
    }
    if (expression.type === 'concat' && substitute) {
      const parts = expression.children;
      if (parts.every((part) => part.type === 'Constant' || this.pathInfo(part))) {
        let text = '';
        for (const part of parts) {
          const value: unknown =
            part.type === 'Constant'
              ? part.value
              : this.evaluateExpression(part, context, true).value;
          // As the library: a null field throws here, like any other expression error.
          text += (value as { toString(): string }).toString();
        }
        return { value: text };
      }
    }
    return this.evaluate(expression, context, substitute);
  }

  /** The library's internalExpand, step for step. */
  private node(node: unknown, context: ExpansionContext): unknown {
    const saved = { data: context.data, index: context.$index };
    let result: unknown;
    if (Array.isArray(node)) {
      let items: unknown[] = [];
      for (const item of node) {
        const expanded = this.node(item, context);
        if (expanded !== null) {
          if (Array.isArray(expanded)) items = items.concat(expanded);
          else items.push(expanded);
        }
      }
      result = items;
    } else if (isExpression(node)) {
      const evaluated = this.evaluateExpression(node, context, true);
      if (evaluated.error) throw new Error(evaluated.error);
      result = evaluated.value;
    } else if (typeof node === 'object' && node !== null) {
      result = this.object(node as Record<string, unknown>, context);
    } else {
      result = node;
    }
    context.data = saved.data;
    context.$index = saved.index;
    return result;
  }

  private object(node: Record<string, unknown>, context: ExpansionContext): unknown {
    const when = node.$when;
    let dataContext = node.$data;
    let dataContexts: unknown[];
    let repeated = false;
    if (dataContext === undefined) {
      dataContexts = [undefined];
    } else {
      if (isExpression(dataContext)) {
        const evaluated = this.evaluateExpression(dataContext, context, true);
        if (evaluated.error) throw new Error(evaluated.error);
        dataContext = evaluated.value;
      }
      repeated = Array.isArray(dataContext);
      dataContexts = repeated ? (dataContext as unknown[]) : [dataContext];
    }
    const results: unknown[] = [];
    for (let i = 0; i < dataContexts.length; i++) {
      if (repeated) context.$index = i;
      if (dataContexts[i] !== undefined) context.data = dataContexts[i];
      let drop = false;
      if (isExpression(when)) {
        const evaluated = this.evaluateExpression(when, context, false);
        drop = !(!evaluated.error && typeof evaluated.value === 'boolean' && evaluated.value);
      } else if (when) {
        drop = true;
      }
      if (!drop) results.push(this.single(node, context));
    }
    if (results.length === 0) return null;
    return results.length === 1 ? results[0] : results;
  }

  private single(
    node: Record<string, unknown>,
    context: ExpansionContext,
  ): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(node)) {
      if (reservedFields.has(key)) continue;
      const value = this.node(node[key], context);
      if (value !== undefined) result[key] = value;
    }
    return result;
  }
}
