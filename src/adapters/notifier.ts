import type { Message } from '../comms/index.js';
import type { OutboxIncidentContext } from './incident-store.js';
import type { AbortSignalLike } from './web.js';

/** What a notifier is told beside the message. */
export interface NotifyContext {
  /** The outbox row id: the same on every attempt; pass it on (e.g. an `Idempotency-Key` header). */
  readonly idempotencyKey: string;
  /** 1 on the first attempt. */
  readonly attempt: number;
  readonly incident: OutboxIncidentContext;
  /** Per-key state kept in the store (e.g. a Slack message `ts` to update). */
  readonly state: {
    get(key: string): Promise<string | undefined>;
    set(key: string, value: string): Promise<void>;
  };
  /**
   * The deliverer's clock (epoch ms) when the attempt started: what a notifier should use for
   * times it writes (a signature timestamp) or reads (a `Retry-After` HTTP-date), never its own.
   */
  readonly now?: number | undefined;
  /** Aborted when the send should stop (the lease is about to run out, or the host is shutting down). */
  readonly signal?: AbortSignalLike | undefined;
}

/**
 * Delivers messages somewhere. `send` resolving means delivered; throwing means failed: an error
 * with `permanent: true` is not retried (dead-lettered at once), one with `retryAfterMs` asks for
 * that delay, anything else is retried with exponential backoff.
 */
export interface Notifier {
  readonly name: string;
  send(message: Message, context: NotifyContext): Promise<void>;
}
