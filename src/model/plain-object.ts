// The one test for "a plain object", as JSON.parse and object literals make: the shape every
// boundary that walks caller input into keys accepts. Zod-free, so every folder may use it.

/**
 * Whether `value` is a plain object: not an array, and its prototype is `Object.prototype` or
 * `null` (so no `Date`, `Map`, class instance or Proxy claiming another prototype). False, never a
 * throw, for a Proxy whose traps throw (a revoked one, or one whose `getPrototypeOf` trap throws).
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  try {
    if (Array.isArray(value)) return false;
    const proto: unknown = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
  } catch {
    return false;
  }
}
