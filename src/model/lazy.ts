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

/**
 * A regex built from `source` and `flags` on first call, the same object after. For patterns with
 * Unicode property classes (`\p{L}`: every letter of every script): V8 checks a regex literal when
 * it compiles the file around it, even inside a function that never runs, and a property class
 * expands to hundreds of ranges there, about 0.2 ms per literal paid by every import. Built from a
 * string, the pattern is compiled when first used. (`'\\p'` in a string is `\p`.)
 */
export function lazyRegExp(source: string, flags: string): () => RegExp {
  return lazy(() => new RegExp(source, flags));
}

/**
 * What a stand-in stands for: the build function until the first read, then the schema it built.
 * It is the stand-in's proxy target, so it also carries the inspect hook: Node's inspect
 * (console.log) formats a proxy's target, never through the traps, so a logged stand-in shows the
 * schema. It holds no properties of its own (a proxy may not hide or invent a non-configurable one).
 */
class Deferred {
  #build: (() => object) | undefined;
  #schema: object | undefined;

  constructor(build: () => object) {
    this.#build = build;
  }

  schema(): object {
    if (this.#build !== undefined) {
      this.#schema = this.#build();
      this.#build = undefined;
    }
    return this.#schema as object;
  }

  // Node calls it on the stand-in (the proxy, whose reads go to the schema), not on the target.
  [Symbol.for('nodejs.util.inspect.custom')](): object {
    return this instanceof Deferred ? this.schema() : built(this);
  }
}

// One handler for every stand-in (each stand-in is only its Deferred and a proxy): every trap
// forwards to the schema. Descriptors are reported configurable: the target holds none of the
// schema's properties, and a proxy may not report a non-configurable property its target lacks.
const forward: ProxyHandler<Deferred> = {
  get: (d, key) => Reflect.get(d.schema(), key),
  set: (d, key, value) => Reflect.set(d.schema(), key, value),
  has: (d, key) => Reflect.has(d.schema(), key),
  ownKeys: (d) => Reflect.ownKeys(d.schema()),
  getOwnPropertyDescriptor: (d, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(d.schema(), key);
    return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
  },
  getPrototypeOf: (d) => Reflect.getPrototypeOf(d.schema()),
  defineProperty: (d, key, descriptor) => Reflect.defineProperty(d.schema(), key, descriptor),
  deleteProperty: (d, key) => Reflect.deleteProperty(d.schema(), key),
};

const deferredOf = new WeakMap<object, Deferred>();

/**
 * An exported schema built on first use. The stand-in forwards every read to the schema `build`
 * returns (built once, on the first read), so it is that schema to its users: `parse`, `safeParse`,
 * `shape`, `check`, `z.optional(…)`, `z.infer` and `instanceof` all behave as on the schema itself.
 * Inside incidentkit, compose schemas from {@link built} (the schema itself, without the stand-in).
 */
export function lazySchema<T extends object>(build: () => T): T {
  const deferred = new Deferred(build);
  const standIn = new Proxy(deferred, forward) as unknown as T;
  deferredOf.set(standIn, deferred);
  return standIn;
}

/**
 * The schema behind a {@link lazySchema} stand-in (built now if it was not yet), or `schema` itself
 * when it is not one: what incidentkit's own schemas are composed from, so parsing never goes
 * through the stand-in's forwarding.
 */
export function built<T extends object>(schema: T): T {
  const deferred = deferredOf.get(schema);
  return deferred === undefined ? schema : (deferred.schema() as T);
}
