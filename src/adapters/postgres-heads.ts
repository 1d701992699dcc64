// The stream heads a Postgres store remembers: what it last read or wrote of each incident, so an
// append at that head is one statement and the manager can decide without a read.
import { trustIncident } from '../internal/incident-input.js';
import type { Incident } from '../model/index.js';

/**
 * The head of a stream as this store last read or wrote it: the version, its chain hash and the
 * projection's JSON (`trusted` when it is the store's own: written here, or read back matching
 * its checksum). An append at exactly this version needs nothing else from the database.
 */
export interface StreamHead {
  readonly version: number;
  readonly hash: string;
  readonly body: string;
  readonly trusted: boolean;
}

/** How many stream heads a store remembers, and how many characters of projection JSON at most. */
const HEADS = { count: 128, chars: 16_000_000 } as const;

/** The stream heads known in this process for one database client and schema, least recently used first. */
interface HeadCache {
  readonly heads: Map<string, StreamHead>;
  chars: number;
}

// Shared by every store object on the same client and schema: what one of them wrote, another
// in this process need not read back.
const headCaches = /*#__PURE__*/ new WeakMap<object, Map<string, HeadCache>>();

function headCacheOf(client: object, schema: string): HeadCache {
  let bySchema = headCaches.get(client);
  if (bySchema === undefined) {
    bySchema = new Map();
    headCaches.set(client, bySchema);
  }
  let cache = bySchema.get(schema);
  if (cache === undefined) {
    cache = { heads: new Map(), chars: 0 };
    bySchema.set(schema, cache);
  }
  return cache;
}

/** The heads one store object uses: shared with every store object on the same client and schema. */
export interface StreamHeads {
  get(id: string): StreamHead | undefined;
  remember(id: string, head: StreamHead): void;
  forget(id: string): void;
}

/** The heads remembered for `client` and `schema`, the least recently used evicted past the bounds. */
export function streamHeads(client: object, schema: string): StreamHeads {
  const cache = headCacheOf(client, schema);
  const heads = cache.heads;
  function forget(id: string): void {
    const known = heads.get(id);
    if (known === undefined) return;
    heads.delete(id);
    cache.chars -= known.body.length;
  }
  return {
    get: (id) => heads.get(id),
    forget,
    remember(id, head) {
      forget(id);
      if (head.body.length > HEADS.chars) return;
      heads.set(id, head);
      cache.chars += head.body.length;
      while (heads.size > HEADS.count || cache.chars > HEADS.chars) forget(heads.keys().next().value!);
    },
  };
}

// The head each copy handed out was parsed from: an append at that head, vouched for by the
// manager that decided on the copy, takes the incident it decided instead of folding again.
const origins = /*#__PURE__*/ new WeakMap<Incident, StreamHead>();

/** A fresh copy of a head's projection, marked as incidentkit's own when the head is trusted. */
export function projectionOf(head: StreamHead): Incident {
  const incident = JSON.parse(head.body) as Incident;
  origins.set(incident, head);
  return head.trusted ? trustIncident(incident) : incident;
}

/** Whether `incident` is a copy {@link projectionOf} made of `head` (this very head, not an equal one). */
export function copiedFrom(incident: Incident | undefined, head: StreamHead): boolean {
  return incident !== undefined && origins.get(incident) === head;
}
