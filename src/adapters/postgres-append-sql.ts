// The text of the Postgres store's one-statement append, per shape of the append.
import { CURRENT_EVENT_SCHEMA_VERSION } from './event-upcasters.js';

/** What the text of a one-statement append depends on. */
export interface AppendShape {
  /** A new stream (insert its row) rather than one at a known head (update it under a guard). */
  readonly fresh: boolean;
  readonly events: number;
  readonly outbox: number;
  readonly command: boolean;
  /** The stream's signal keys open or close with this append. */
  readonly signals: boolean;
}

/** The projection's columns, in the order `projectionValues` (postgres-append.ts) gives their values. */
export const PROJECTION_COLUMNS = [
  'version',
  'phase',
  'severity',
  'category',
  'services',
  'drill',
  'detected_at',
  'head_hash',
  'body',
  'body_check',
] as const;

/**
 * The statement of an append at a known head, for schema `s` and a shape. Its parameters are, in
 * order: now; per event its version, id, type, JSON, hash and previous hash; the projection's
 * columns and the incident id; for a known head the expected version and hash; per outbox row its
 * id, notifier, place among the notifier's rows, message, incident context and due time; the
 * command id and version; whether signal keys are open. Plain SELECTs from the guard rather than
 * a VALUES join: PGlite plans them markedly faster.
 */
export function appendAtHeadSql(s: string, shape: AppendShape): string {
  let n = 0;
  const $ = (cast = '') => `$${++n}${cast}`;
  /** The next parameters, one per cast given. */
  const next = (...casts: string[]) => casts.map((cast) => $(`::${cast}`));
  const writtenAt = $('::bigint');
  const events: string[] = [];
  for (let i = 0; i < shape.events; i++) {
    const [version, id, type, body, hash, previous] = next('integer', 'text', 'text', 'text', 'text', 'text');
    events.push(
      `SELECT incident_id, ${version}, ${id}, ${type}, ${CURRENT_EVENT_SCHEMA_VERSION}, ${body}, ${hash}, ${previous}, ${writtenAt} FROM moved`,
    );
  }
  const columns = PROJECTION_COLUMNS.map((name) => [name, $()] as const);
  const incidentId = $();
  const moved = shape.fresh
    ? `INSERT INTO ${s}.incidents (incident_id, ${PROJECTION_COLUMNS.join(', ')})
       VALUES (${incidentId}, ${columns.map(([, p]) => p).join(', ')})
       ON CONFLICT (incident_id) DO NOTHING RETURNING incident_id`
    : `UPDATE ${s}.incidents SET ${columns.map(([name, p]) => `${name} = ${p}`).join(', ')}
       WHERE incident_id = ${incidentId} AND version = ${$()} AND head_hash = ${$()}
       RETURNING incident_id`;
  const parts = [
    `moved AS (${moved})`,
    `ev AS (INSERT INTO ${s}.events (incident_id, version, event_id, event_type, schema_version, body, hash, previous_hash, written_at)
       ${events.join(' UNION ALL ')})`,
  ];
  const rows: string[] = [];
  for (let i = 0; i < shape.outbox; i++) {
    const [id, notifier, nth, message, incident, dueAt] = next(
      'text',
      'text',
      'integer',
      'text',
      'text',
      'bigint',
    );
    // Each notifier's rows continue its sequence; the stream's row lock keeps it from racing.
    rows.push(
      `SELECT ${id}, incident_id, ${notifier},
         coalesce((SELECT o.sequence FROM ${s}.outbox AS o WHERE o.incident_id = moved.incident_id
                   AND o.notifier = ${notifier} ORDER BY o.sequence DESC LIMIT 1), 0) + ${nth},
         ${message}, ${incident}, 'pending', 0, ${dueAt}, ${writtenAt}
       FROM moved`,
    );
  }
  if (rows.length > 0)
    parts.push(
      `obx AS (INSERT INTO ${s}.outbox (id, incident_id, notifier, sequence, message, incident, status, attempts, due_at, created_at)
         ${rows.join(' UNION ALL ')} ON CONFLICT (id) DO NOTHING)`,
    );
  if (shape.command)
    parts.push(
      `cmd AS (INSERT INTO ${s}.commands (command_id, incident_id, version)
         SELECT ${$('::text')}, incident_id, ${$('::integer')} FROM moved)`,
    );
  if (shape.signals)
    parts.push(
      `sig AS (UPDATE ${s}.signals SET open = ${$('::boolean')}
         FROM moved WHERE ${s}.signals.incident_id = moved.incident_id)`,
    );
  return `WITH ${parts.join(',\n')} SELECT 1 AS moved FROM moved`;
}
