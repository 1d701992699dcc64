// The tables of the Postgres store, as versioned migrations.

/** The migrations, in order; each runs once per schema, recorded in `<schema>.migrations`. */
export function migrations(s: string): string[][] {
  return [
    [
      `CREATE TABLE IF NOT EXISTS ${s}.events (
        incident_id text COLLATE "C" NOT NULL,
        version integer NOT NULL,
        event_id text COLLATE "C" NOT NULL,
        event_type text NOT NULL,
        schema_version integer NOT NULL,
        body text NOT NULL,
        hash text NOT NULL,
        previous_hash text NOT NULL,
        written_at bigint NOT NULL,
        PRIMARY KEY (incident_id, version),
        CONSTRAINT events_event_id_unique UNIQUE (incident_id, event_id)
      )`,
      `CREATE TABLE IF NOT EXISTS ${s}.incidents (
        incident_id text COLLATE "C" PRIMARY KEY,
        version integer NOT NULL,
        phase text NOT NULL,
        severity text,
        category text,
        services text NOT NULL,
        drill boolean NOT NULL,
        detected_at bigint NOT NULL,
        head_hash text NOT NULL,
        body text NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS incidents_newest ON ${s}.incidents (detected_at DESC, incident_id DESC)`,
      `CREATE TABLE IF NOT EXISTS ${s}.outbox (
        id text COLLATE "C" PRIMARY KEY,
        incident_id text COLLATE "C" NOT NULL,
        notifier text COLLATE "C" NOT NULL,
        sequence integer NOT NULL,
        message text NOT NULL,
        incident text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        due_at bigint NOT NULL,
        created_at bigint NOT NULL,
        delivered_at bigint,
        last_error text,
        lease_owner text,
        lease_until bigint,
        CONSTRAINT outbox_order UNIQUE (incident_id, notifier, sequence)
      )`,
      `CREATE INDEX IF NOT EXISTS outbox_pending ON ${s}.outbox (incident_id, notifier, sequence) WHERE status = 'pending'`,
      `CREATE INDEX IF NOT EXISTS outbox_dead ON ${s}.outbox (created_at, id) WHERE status = 'dead'`,
      `CREATE TABLE IF NOT EXISTS ${s}.commands (
        command_id text COLLATE "C" PRIMARY KEY,
        incident_id text NOT NULL,
        version integer NOT NULL
      )`,
      `CREATE TABLE IF NOT EXISTS ${s}.signals (
        source text COLLATE "C" NOT NULL,
        dedup_key text COLLATE "C" NOT NULL,
        incident_id text COLLATE "C" NOT NULL,
        open boolean NOT NULL,
        PRIMARY KEY (source, dedup_key)
      )`,
      `CREATE INDEX IF NOT EXISTS signals_incident ON ${s}.signals (incident_id)`,
      `CREATE TABLE IF NOT EXISTS ${s}.state (key text COLLATE "C" PRIMARY KEY, value text NOT NULL)`,
    ],
    // The projection's checksum (see projectionCheck): a body that matches it is the store's own.
    [`ALTER TABLE ${s}.incidents ADD COLUMN IF NOT EXISTS body_check text`],
  ];
}
