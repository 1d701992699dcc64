// The few Web platform shapes the adapters use (fetch, AbortSignal), typed structurally so the
// package needs neither the DOM lib nor @types/node, and hosts can pass any compatible fetch; and
// the readers that take such live objects from a caller once, at the boundary.
import { IncidentKitError, invalidInput } from '../model/index.js';

/** An AbortSignal, structurally. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** The part of a fetch `Response` the adapters read. */
export interface FetchResponseLike {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** The part of `RequestInit` the adapters pass. */
export interface FetchInitLike {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignalLike;
}

/** A `fetch`: the global one by default; tests, proxies and regional endpoints pass their own. */
export type FetchLike = (url: string, init?: FetchInitLike) => Promise<FetchResponseLike>;

/** The part of Web Crypto's `SubtleCrypto` the adapters use (SHA-256 digests and HMAC-SHA256). */
export interface SubtleCryptoLike {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: { readonly name: 'HMAC'; readonly hash: 'SHA-256' },
    extractable: boolean,
    usages: readonly 'sign'[],
  ): Promise<unknown>;
  sign(algorithm: 'HMAC', key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}

/** INVALID_INPUT naming `path`, with what a getter or Proxy trap threw as `cause`. */
export function unreadable(path: string, cause: unknown): IncidentKitError<'INVALID_INPUT'> {
  return new IncidentKitError('INVALID_INPUT', `${path}: reading it threw`, {
    issues: [{ path, message: 'reading it threw' }],
    cause,
  });
}

/**
 * The named members of a caller's live object (a store, a notifier, a signal), each read exactly
 * once: a getter or Proxy trap that throws is one INVALID_INPUT naming `path`, with the thrown
 * value as `cause`. Anything but an object is INVALID_INPUT. The values are returned as they are;
 * methods are called later on the original object, so their `this` is unchanged.
 */
export function readMembers<K extends string>(
  value: unknown,
  path: string,
  keys: readonly K[],
  expected: string,
): Readonly<Record<K, unknown>> {
  if (typeof value !== 'object' || value === null) throw invalidInput(path, `expected ${expected}`);
  const out = {} as Record<K, unknown>;
  try {
    for (const key of keys) out[key] = (value as Record<string, unknown>)[key];
  } catch (error) {
    throw unreadable(path, error);
  }
  return out;
}

/**
 * A caller's abort signal, read once when handed over: whether it had aborted then, and after that
 * only its `abort` event, so a signal whose getters change or throw later cannot break a send.
 */
export interface AbortWatch {
  /** True once the signal has aborted (when handed over, or since). */
  readonly aborted: boolean;
  /** What the signal aborted with (read once, when it aborts). */
  readonly reason: unknown;
  /** The caller's object, for runtimes without AbortController. */
  readonly original: AbortSignalLike;
  /** Calls `listener` when the signal aborts (at once when it already has); returns the unsubscribe. */
  onAbort(listener: () => void): () => void;
  /** Stops listening to the caller's signal. */
  dispose(): void;
}

/**
 * Reads `value` as an abort signal ({@link AbortSignalLike}): `undefined` stays `undefined`;
 * anything without a boolean `aborted` and `addEventListener` / `removeEventListener` functions is
 * INVALID_INPUT naming `path`.
 */
export function watchSignal(value: unknown, path: string): AbortWatch | undefined {
  if (value === undefined) return undefined;
  const m = readMembers(
    value,
    path,
    ['aborted', 'addEventListener', 'removeEventListener'],
    'an AbortSignal',
  );
  const add = m.addEventListener;
  const remove = m.removeEventListener;
  if (typeof m.aborted !== 'boolean' || typeof add !== 'function' || typeof remove !== 'function')
    throw invalidInput(path, 'expected an AbortSignal');
  const signal = value as AbortSignalLike;
  const listeners = new Set<() => void>();
  let aborted = false;
  let reason: unknown;
  let listening = false;
  const fire = () => {
    if (aborted) return;
    aborted = true;
    try {
      reason = signal.reason;
    } catch {
      reason = undefined;
    }
    for (const listener of [...listeners]) listener();
  };
  const dispose = () => {
    if (!listening) return;
    listening = false;
    try {
      remove.call(signal, 'abort', fire);
    } catch {
      // Unsubscribing is best effort: `fire` runs at most once and only touches our own state.
    }
  };
  if (m.aborted) fire();
  else {
    try {
      add.call(signal, 'abort', fire, { once: true });
    } catch (error) {
      throw unreadable(path, error);
    }
    listening = true;
  }
  return {
    get aborted() {
      return aborted;
    },
    get reason() {
      return reason;
    },
    original: signal,
    onAbort(listener) {
      if (aborted) {
        listener();
        return () => {};
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose,
  };
}
