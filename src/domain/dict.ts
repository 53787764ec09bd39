// Plain objects keyed by user text (labels, file names, YAML keys, XML entities) inherit from Object.prototype:
// "constructor" is then already there, and "__proto__" cannot be set. These helpers make such lookups safe; where
// a Map fits better (no JSON, no IndexedDB record), use a Map.

/** An empty object without a prototype: every string is an ordinary key, none is there before it is set. */
export function dict<T>(entries?: Iterable<readonly [string, T]>): Record<string, T> {
  const result = Object.create(null) as Record<string, T>;
  if (entries) for (const [key, value] of entries) result[key] = value;
  return result;
}

/** The object's own value for `key`, never one inherited from Object.prototype (records from JSON or storage have one). */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether `key` is one of the object's own keys (`key in record` also finds "constructor" and "toString"). */
export const hasOwn = (record: object, key: string): boolean => Object.hasOwn(record, key);
