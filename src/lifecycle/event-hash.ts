import { canonicalJson, shortHash } from '../internal/canonical-json.js';
import type { IncidentEvent } from '../model/index.js';

/**
 * A short digest of an event's content in stored form: canonical JSON (RFC 8785: sorted keys,
 * epoch-ms times) without the id. Two events that share an id are the same event exactly when
 * their hashes agree, however a database reordered their JSON keys.
 */
export function eventHash(event: IncidentEvent): string {
  const { id: _id, ...content } = event;
  return shortHash(canonicalJson(content));
}
