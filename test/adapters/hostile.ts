/**
 * Hostile values for the adapter boundary tests, one constructor per class of input an adversarial
 * caller can hand over, and a read counter, so a test can prove each property was read once (the
 * work is linear in what was handed over, whatever the object does on a second read).
 */

/** An array of length 2³²−1 with nothing in it: walking it would never end, printing it aborts. */
export function sparseArray(): unknown[] {
  const list: unknown[] = [];
  list.length = 2 ** 32 - 1;
  return list;
}

/** 10 MB of one character. */
export const tenMegabytes = (char = 'a') => char.repeat(10 * 1024 * 1024);

/** A plain object whose listed fields are getters that throw `thrown`. */
export function throwingGetters(keys: readonly string[], thrown: unknown = new Error('getter threw')) {
  const value: Record<string, unknown> = {};
  for (const key of keys)
    Object.defineProperty(value, key, {
      enumerable: true,
      get() {
        throw thrown;
      },
    });
  return value;
}

/** A Proxy every trap of which throws `thrown` (a hostile wrapper, a remote handle gone bad). */
export function throwingProxy(thrown: unknown = new Error('trap')): object {
  const trap = () => {
    throw thrown;
  };
  return new Proxy(
    {},
    { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap },
  );
}

/** A revoked Proxy: even `Array.isArray` throws a TypeError on it. */
export function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/**
 * An array Proxy over `items` whose `length` grows by one at every read (a loop that re-reads it
 * never ends); indexes past the real items answer `extra(i)`. `reads` counts every property read.
 */
export function growingArray<T>(items: readonly T[], extra: (i: number) => T) {
  const reads = { length: 0, indexes: 0 };
  let length = items.length;
  const proxy = new Proxy([...items], {
    get(target, key, receiver) {
      if (key === 'length') {
        reads.length++;
        return length++;
      }
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        reads.indexes++;
        const i = Number(key);
        return i < items.length ? items[i] : extra(i);
      }
      return Reflect.get(target, key, receiver);
    },
  });
  return { proxy: proxy as unknown as T[], reads };
}

/**
 * A plain object whose every field is a getter counting its reads: valid on the first read, then
 * `later` (so a second read would see something else). `reads[key]` is how often it was read.
 */
export function countingObject<T extends Record<string, unknown>>(fields: T, later: unknown = 42) {
  const reads: Record<string, number> = {};
  const value = {} as T;
  for (const [key, first] of Object.entries(fields)) {
    reads[key] = 0;
    Object.defineProperty(value, key, {
      enumerable: true,
      get() {
        reads[key] = (reads[key] ?? 0) + 1;
        return reads[key] === 1 ? first : later;
      },
    });
  }
  return { value, reads };
}

/** A value every conversion to text throws on (`String(x)`, a template literal). */
export function unprintable(): object {
  return {
    [Symbol.toPrimitive]() {
      throw new Error('toPrimitive');
    },
  };
}
