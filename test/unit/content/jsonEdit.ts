/** Small guarded edits of parsed JSON, for feeding deliberately broken content to loaders. */
export type Key = string | number;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getIn(data: unknown, path: readonly Key[]): unknown {
  let node = data;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isRecord(node) && typeof key === 'string') node = node[key];
    else throw new Error(`no ${String(key)} in test data`);
  }
  return node;
}

function parentOf(data: unknown, path: readonly Key[]): { parent: unknown; key: Key } {
  const key = path[path.length - 1];
  if (key === undefined) throw new Error('empty path');
  return { parent: getIn(data, path.slice(0, -1)), key };
}

export function setIn(data: unknown, path: readonly Key[], value: unknown): void {
  const { parent, key } = parentOf(data, path);
  if (Array.isArray(parent) && typeof key === 'number') parent[key] = value;
  else if (isRecord(parent) && typeof key === 'string') parent[key] = value;
  else throw new Error(`cannot set ${String(key)}`);
}

export function deleteIn(data: unknown, path: readonly Key[]): void {
  const { parent, key } = parentOf(data, path);
  if (isRecord(parent) && typeof key === 'string') delete parent[key];
  else throw new Error(`cannot delete ${String(key)}`);
}

export function pushIn(data: unknown, path: readonly Key[], value: unknown): void {
  const list = getIn(data, path);
  if (!Array.isArray(list)) throw new Error('not a list');
  list.push(value);
}
