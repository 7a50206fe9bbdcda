import * as ACData from 'adaptivecards-templating';

/**
 * adaptivecards-templating's expansion, compiled once per template into closures.
 *
 * The library parses a template's `${...}` bindings into adaptive-expressions trees when the
 * `Template` is built, then walks the JSON and evaluates every tree through adaptive-expressions
 * on every render: its field lookup builds each path as a string, splits it with a regular
 * expression and lower-cases every key of every object on the way, and each operator copies its
 * options and allocates result objects. That was most of a card turn's own CPU and garbage.
 *
 * Here the prepared template is walked once, at load: each JSON node becomes a function, and each
 * expression made only of the forms the templates in `cards/` use (field paths, string, number
 * and boolean constants, `!`, `&&`, `||`, `==`, `!=`, `>`, `<`, `count()`, `if()`) becomes a
 * function with adaptive-expressions' own semantics, kept step for step from its source
 * (4.x: `Not`, `And`, `Or`, `ComparisonEvaluator`, `Count`, `If`, `Accessor`): a child's error
 * and what each operator makes of it, `nullSubstitution` (a missing field shown as `${path}` in
 * text and not inside operators that clear it), field names matched ignoring case, and so on. Any
 * other expression, and any comparison of objects or arrays, goes to the library's own evaluator,
 * so a template the compiler does not know still renders as before. Tests render every card
 * sample both ways, check that no card binding needs the library, and compare each operator with
 * the library's on a table of values.
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

/** The evaluation context of one render: `$data` is the innermost data, or the root. */
class Scope implements Context {
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
function field(scope: unknown, name: string, lower: string): unknown {
  if (!scope) return undefined;
  if (scope instanceof Map) {
    const map = scope as Map<unknown, unknown>;
    const exact = map.get(name);
    if (exact !== undefined) return exact;
    for (const key of map.keys()) {
      if (typeof key === 'string' && key.toLowerCase() === lower) return map.get(key);
    }
    return undefined;
  }
  const key = firstMatch(Object.keys(scope), name, lower);
  return key === undefined ? undefined : (scope as Record<string, unknown>)[key];
}

/** The first key equal to `name` ignoring case, in key order (the library's rule). */
function firstMatch(keys: readonly string[], name: string, lower: string): string | undefined {
  for (const key of keys) {
    if (key.length === name.length && (key === name || key.toLowerCase() === lower)) return key;
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

/** An expression's error, with the value adaptive-expressions returns beside it. */
class Failure {
  constructor(
    readonly message: string,
    readonly value: unknown,
  ) {}
}

/** Thrown when a value needs what the compiler leaves to the library (comparing objects). */
class NeedsLibrary extends Error {}

/**
 * A compiled expression: its value, or a Failure. `substitute` is adaptive-expressions'
 * `nullSubstitution` option: set at the top of a binding in text, cleared by most operators.
 */
type Compiled = (scope: Scope, substitute: boolean) => unknown;

/** adaptive-expressions' `isLogicTrue`. */
const isLogicTrue = (value: unknown): boolean =>
  typeof value === 'boolean' ? value : value !== null && value !== undefined;

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && !Number.isNaN(value);

/** adaptive-expressions' `commonEquals` for anything but objects and arrays. */
function commonEquals(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a === null || a === undefined) && (b === null || b === undefined);
  }
  if (typeof a === 'object' || typeof b === 'object') throw new NeedsLibrary();
  if (isNumber(a) && isNumber(b) && Math.abs(a - b) < Number.EPSILON) return true;
  return a === b;
}

/** adaptive-expressions' `ComparisonEvaluator`: children without substitution, errors → false. */
function comparison(
  children: readonly Compiled[],
  verifyNotNull: boolean,
  compare: (a: unknown, b: unknown) => boolean,
): Compiled {
  const [left, right] = children as [Compiled, Compiled];
  return (scope) => {
    const a = left(scope, false);
    if (a instanceof Failure || (verifyNotNull && (a === null || a === undefined))) return false;
    const b = right(scope, false);
    if (b instanceof Failure || (verifyNotNull && (b === null || b === undefined))) return false;
    try {
      return compare(a, b);
    } catch (error) {
      if (error instanceof NeedsLibrary) throw error;
      return new Failure((error as Error).message, false);
    }
  };
}

/** `>` and `<`: numbers, strings or dates, else the library's error. */
function ordered(compare: (a: number | string | Date, b: number | string | Date) => boolean) {
  return (a: unknown, b: unknown): boolean => {
    if (
      (isNumber(a) && isNumber(b)) ||
      (typeof a === 'string' && typeof b === 'string') ||
      (a instanceof Date && b instanceof Date)
    ) {
      return compare(a, b);
    }
    throw new Error(`${String(a)} and ${String(b)} must be comparable.`);
  };
}

/** adaptive-expressions' `count`: its child keeps the caller's substitution. */
function count(child: Compiled, childText: string): Compiled {
  return (scope, substitute) => {
    const value = child(scope, substitute);
    if (value instanceof Failure) return new Failure(value.message, undefined);
    if (
      typeof value !== 'string' &&
      !Array.isArray(value) &&
      !(value instanceof Map) &&
      typeof value !== 'object'
    ) {
      return new Failure(`${childText} must be a string, list, map or object.`, undefined);
    }
    try {
      if (typeof value === 'string' || Array.isArray(value)) return value.length;
      if (value instanceof Map) return value.size;
      return Object.keys(value as object).length;
    } catch (error) {
      return new Failure((error as Error).message, undefined);
    }
  };
}

/** The library's lookup of a field path: relative to `$data` unless it starts with `$`. */
function pathLookup(names: readonly string[]): Compiled {
  const path = names.join('.');
  const [first = '', ...rest] = names;
  const restLower = rest.map((name) => name.toLowerCase());
  const firstLower = first.toLowerCase();
  const fromContext = first.startsWith('$');
  return (scope, substitute) => {
    let value = fromContext ? contextField(scope, first) : field(scope.$data, first, firstLower);
    for (let i = 0; i < rest.length; i++) value = field(value, rest[i] ?? '', restLower[i] ?? '');
    if (value === undefined && substitute) return substitution(path);
    return value;
  };
}

/** One expression as a function, or undefined when it uses a form not compiled here. */
function compileExpression(expression: Expression): Compiled | undefined {
  const names = pathOf(expression);
  if (names) return pathLookup(names);
  if (expression.type === 'Constant') {
    const value = expression.value;
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? () => value
      : undefined;
  }
  const children: Compiled[] = [];
  for (const child of expression.children) {
    const compiled = compileExpression(child);
    if (!compiled) return undefined;
    children.push(compiled);
  }
  const arity = children.length;
  switch (expression.type) {
    case '!': {
      if (arity !== 1) return undefined;
      const [child] = children as [Compiled];
      return (scope) => {
        const value = child(scope, false);
        return value instanceof Failure ? true : !isLogicTrue(value);
      };
    }
    case '&&':
      if (arity === 0) return undefined;
      return (scope) => {
        for (const child of children) {
          const value = child(scope, false);
          if (value instanceof Failure || !isLogicTrue(value)) return false;
        }
        return true;
      };
    case '||':
      if (arity === 0) return undefined;
      return (scope) => {
        // As the library: false, or the last child's value when none is true.
        let result: unknown = false;
        for (const child of children) {
          const value = child(scope, false);
          if (value instanceof Failure) {
            result = value.value;
          } else if (isLogicTrue(value)) {
            return true;
          } else {
            result = value;
          }
        }
        return result;
      };
    case '==':
      return arity === 2 ? comparison(children, false, commonEquals) : undefined;
    case '!=':
      return arity === 2 ? comparison(children, false, (a, b) => !commonEquals(a, b)) : undefined;
    case '>':
      return arity === 2
        ? comparison(
            children,
            true,
            ordered((a, b) => a > b),
          )
        : undefined;
    case '<':
      return arity === 2
        ? comparison(
            children,
            true,
            ordered((a, b) => a < b),
          )
        : undefined;
    case 'count':
      return arity === 1
        ? count(children[0] as Compiled, (expression.children[0] as Expression).toString())
        : undefined;
    case 'if': {
      if (arity !== 3) return undefined;
      const [condition, then, otherwise] = children as [Compiled, Compiled, Compiled];
      return (scope, substitute) => {
        const value = condition(scope, false);
        return !(value instanceof Failure) && isLogicTrue(value)
          ? then(scope, substitute)
          : otherwise(scope, substitute);
      };
    }
    default:
      return undefined;
  }
}

/** A part of text: the library calls `toString()` on each (a null part throws). */
interface Stringable {
  toString(): string;
}

/** A rendered node: a value, `null` (dropped by `$when`), or several (a `$data` list). */
type Render = (scope: Scope) => unknown;

/** A prepared template compiled to functions; see the file's note. */
export class CompiledTemplate {
  private readonly render: Render;
  private readonly version = templateVersion();
  /** Bindings left to the library's evaluator (as written): none for the cards in `cards/`. */
  readonly libraryBindings: string[] = [];

  private constructor(
    prepared: unknown,
    private readonly evaluate: LibraryEvaluate,
  ) {
    this.render = this.compileNode(prepared);
  }

  /** Undefined when the library's internals are not as expected (then its own expand is used). */
  static of(template: ACData.Template): CompiledTemplate | undefined {
    const prepared = (template as unknown as TemplateInternals)._preparedPayload;
    if (prepared === undefined || typeof libraryEvaluate !== 'function') return undefined;
    return new CompiledTemplate(prepared, libraryEvaluate.bind(ACData.Template));
  }

  expand(root: unknown): unknown {
    return this.render(new Scope(root, this.version));
  }

  /** The library's evaluation of one binding, as its expansion calls it. */
  private viaLibrary(expression: Expression, substitute: boolean) {
    return (scope: Scope): Evaluated => this.evaluate(expression, scope, substitute);
  }

  /**
   * A binding in text or `$data` (with substitution): its value, or the library's error thrown.
   * Text with several parts (`concat`) is joined as the library joins it: a part that fails
   * shows as `${part}`.
   */
  private compileValue(expression: Expression): (scope: Scope) => unknown {
    const library = this.viaLibrary(expression, true);
    const fromLibrary = (scope: Scope) => {
      const evaluated = library(scope);
      if (evaluated.error) throw new Error(evaluated.error);
      return evaluated.value;
    };
    if (expression.type === 'concat') {
      const parts = expression.children.map((part) => ({
        compiled: compileExpression(part),
        failed: '${' + part.toString() + '}',
      }));
      if (parts.some((part) => !part.compiled)) {
        this.libraryBindings.push(expression.toString());
        return fromLibrary;
      }
      return (scope) => {
        let text = '';
        try {
          for (const part of parts) {
            const value = (part.compiled as Compiled)(scope, true);
            // As the library: a null part throws here.
            text += (value instanceof Failure ? part.failed : (value as Stringable)).toString();
          }
        } catch (error) {
          if (error instanceof NeedsLibrary) return fromLibrary(scope);
          throw error;
        }
        return text;
      };
    }
    const compiled = compileExpression(expression);
    if (!compiled) {
      this.libraryBindings.push(expression.toString());
      return fromLibrary;
    }
    return (scope) => {
      let value: unknown;
      try {
        value = compiled(scope, true);
      } catch (error) {
        if (error instanceof NeedsLibrary) return fromLibrary(scope);
        throw error;
      }
      if (value instanceof Failure) throw new Error(value.message);
      return value;
    };
  }

  /** A `$when` binding (no substitution): true keeps the node, anything else or an error drops it. */
  private compileWhen(expression: Expression): (scope: Scope) => boolean {
    const library = this.viaLibrary(expression, false);
    const fromLibrary = (scope: Scope) => {
      const evaluated = library(scope);
      return !evaluated.error && evaluated.value === true;
    };
    const compiled = compileExpression(expression);
    if (!compiled) {
      this.libraryBindings.push(expression.toString());
      return fromLibrary;
    }
    return (scope) => {
      try {
        return compiled(scope, false) === true;
      } catch (error) {
        if (error instanceof NeedsLibrary) return fromLibrary(scope);
        throw error;
      }
    };
  }

  /** The library's internalExpand, decided once per node. */
  private compileNode(node: unknown): Render {
    if (Array.isArray(node)) {
      const items = node.map((item) => this.compileNode(item));
      return (scope) => {
        const result: unknown[] = [];
        for (const item of items) {
          const expanded = item(scope);
          if (expanded === null) continue;
          if (Array.isArray(expanded)) for (const each of expanded) result.push(each);
          else result.push(expanded);
        }
        return result;
      };
    }
    if (isExpression(node)) return this.compileValue(node);
    if (typeof node === 'object' && node !== null) {
      return this.compileObject(node as Record<string, unknown>);
    }
    return () => node;
  }

  private compileObject(node: Record<string, unknown>): Render {
    const fields = Object.keys(node)
      .filter((key) => !reservedFields.has(key))
      .map((key) => ({ key, render: this.compileNode(node[key]) }));
    const single = (scope: Scope) => {
      const result: Record<string, unknown> = {};
      for (const { key, render } of fields) {
        const value = render(scope);
        if (value !== undefined) result[key] = value;
      }
      return result;
    };
    const whenNode = node.$when;
    const when: (scope: Scope) => boolean = isExpression(whenNode)
      ? this.compileWhen(whenNode)
      : whenNode
        ? () => false
        : () => true;
    const dataNode = node.$data;
    if (dataNode === undefined) {
      return (scope) => (when(scope) ? single(scope) : null);
    }
    const dataOf = isExpression(dataNode) ? this.compileValue(dataNode) : () => dataNode;
    return (scope) => {
      const saved = { data: scope.data, index: scope.$index };
      const data = dataOf(scope);
      const results: unknown[] = [];
      if (Array.isArray(data)) {
        for (let i = 0; i < data.length; i++) {
          scope.$index = i;
          const item: unknown = data[i];
          if (item !== undefined) scope.data = item;
          if (when(scope)) results.push(single(scope));
        }
      } else {
        if (data !== undefined) scope.data = data;
        if (when(scope)) results.push(single(scope));
      }
      scope.data = saved.data;
      scope.$index = saved.index;
      if (results.length === 0) return null;
      return results.length === 1 ? results[0] : results;
    };
  }
}
