/**
 * A dictionary keyed by names that may come from a request or a file. It has no prototype, so a
 * key such as `constructor` or `__proto__` is only ever a key: it cannot reach Object.prototype.
 * The lint rule `steward/no-name-index` allows indexing by an arbitrary string only on a Dict, an
 * array or a Map (use `.get`).
 */
export interface Dict<T> {
  [key: string]: T;
}

/** A new Dict, copied from entries or from an object's own enumerable properties. */
export function dict<T>(from?: Iterable<readonly [string, T]> | { readonly [key: string]: T } | null): Dict<T> {
  const out = Object.create(null) as Dict<T>;
  if (!from) return out;
  const entries = Symbol.iterator in from ? (from as Iterable<readonly [string, T]>) : Object.entries(from);
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** The value an object holds under `key` itself, never one it inherits. */
export function own<T>(object: { readonly [key: string]: T } | null | undefined, key: string): T | undefined {
  return object && Object.hasOwn(object, key) ? (object as Dict<T>)[key] : undefined;
}
