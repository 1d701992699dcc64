// Import-time work is cold-start cost for every host, whether it parses anything or not: a zod
// schema is a graph of objects (one per field, check and wrapper), and building all of incidentkit's
// at load took about a third of `import 'incidentkit'`. These helpers build each one on first use.
// Zod-free (no import of zod), so every module can use them.

/**
 * A value built on first call and the same one on every call after: module-level tables, word
 * sets and internal schemas, built when something first needs them instead of at import.
 */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T | undefined;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

const builders = new WeakMap<object, () => object>();

/**
 * An exported schema built on first use. The stand-in forwards every read to the schema `build`
 * returns (built once, on the first read), so it is that schema to its users: `parse`, `safeParse`,
 * `shape`, `check`, `z.optional(…)`, `z.infer` and `instanceof` all behave as on the schema itself.
 * Inside incidentkit, compose schemas from {@link built} (the schema itself, without the stand-in).
 */
export function lazySchema<T extends object>(build: () => T): T {
  const get = lazy(build);
  // Descriptors are reported configurable: the proxy's target holds none of the schema's
  // properties, and a proxy may not report a non-configurable property its target lacks.
  const describe = (key: string | symbol): PropertyDescriptor | undefined => {
    const d = Reflect.getOwnPropertyDescriptor(get(), key);
    return d === undefined ? undefined : { ...d, configurable: true };
  };
  // Node's inspect (console.log) formats a proxy's target, never through the traps: the target's
  // one property hands it the schema, so a logged stand-in shows the schema.
  const target = { [Symbol.for('nodejs.util.inspect.custom')]: () => get() } as unknown as T;
  const standIn = new Proxy(target, {
    get: (_, key) => Reflect.get(get(), key),
    set: (_, key, value) => Reflect.set(get(), key, value),
    has: (_, key) => Reflect.has(get(), key),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_, key) => describe(key),
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(get(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(get(), key),
  });
  builders.set(standIn, get);
  return standIn;
}

/**
 * The schema behind a {@link lazySchema} stand-in (built now if it was not yet), or `schema` itself
 * when it is not one: what incidentkit's own schemas are composed from, so parsing never goes
 * through the stand-in's forwarding.
 */
export function built<T extends object>(schema: T): T {
  const get = builders.get(schema);
  return get === undefined ? schema : (get() as T);
}
