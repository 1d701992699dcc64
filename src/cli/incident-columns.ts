import type { ImportedIncident } from '../importers/index.js';
import type { IncidentFacts } from '../metrics/index.js';
import { MILESTONE_NAMES, type MilestoneKey } from '../model/milestones.js';
import { detectionOrder } from './detection-order.js';

// A million imported incidents as objects cost ~250 bytes each (two objects, a boxed number per
// milestone, a string per category): a 10⁶-row export would need ~250 MB before measuring starts.
// Columns cost ~20–40 bytes an incident (a Float64Array slot per milestone the export has, small
// indexes into tables of the distinct severities, sources, phases and categories), and the facts
// the metrics read are built when read: each read makes a fresh object, so nothing the metrics keep
// can change under them, and each dies young.

const MILESTONES = MILESTONE_NAMES;
type Milestone = MilestoneKey;

/** How many recently met values a {@link table} compares before it looks one up. */
const RECENT = 8;

/** Distinct values (severities, categories…) numbered in the order they are met; 0 = none. */
function table() {
  const index = new Map<string, number>();
  const values: (string | undefined)[] = [undefined];
  // Rows repeat a handful of values (severities, sources, the common categories): comparing the
  // few met last is cheaper than hashing the row's fresh copy of the string for the Map.
  const recent: (string | undefined)[] = new Array(RECENT).fill(undefined);
  const recentIds = new Uint32Array(RECENT);
  let slot = 0;
  return {
    id(value: string | undefined): number {
      if (value === undefined) return 0;
      for (let k = 0; k < RECENT; k++) if (recent[k] === value) return recentIds[k]!;
      let id = index.get(value);
      if (id === undefined) {
        // Met once so far: most such values (a unique alert key) never come back, so they do not
        // push the repeated ones out of `recent`.
        id = values.length;
        values.push(value);
        index.set(value, id);
        return id;
      }
      recent[slot] = value;
      recentIds[slot] = id;
      slot = (slot + 1) % RECENT;
      return id;
    },
    value: (id: number) => values[id],
  };
}

/** Imported incidents stored column by column; {@link IncidentColumns.facts} reads them back as facts. */
export interface IncidentColumns {
  add(incident: ImportedIncident): void;
  readonly length: number;
  /** Whether any incident added has a published postmortem. */
  readonly hasPostmortems: boolean;
  /**
   * An array (a Proxy over the columns) of the incidents as fresh `IncidentFacts`, in detection
   * order (incidents detected at the same time in the order they were added): the order the
   * metrics read fastest.
   */
  facts(): readonly IncidentFacts[];
}

/** An empty column store; `add` imported incidents, then read them with `facts()`. */
export function createIncidentColumns(): IncidentColumns {
  let capacity = 1024;
  let n = 0;
  // One column per milestone the imports have (by index into MILESTONES), created when first met.
  const times: (Float64Array | undefined)[] = MILESTONES.map(() => undefined);
  const milestoneIndex = new Map<string, number>(MILESTONES.map((name, k) => [name, k]));
  let severity = new Uint16Array(capacity);
  let source = new Uint8Array(capacity);
  let phase = new Uint8Array(capacity);
  let drill = new Uint8Array(capacity);
  let category = new Uint32Array(capacity);
  const severities = table();
  const sources = table();
  const phases = table();
  const categories = table();
  // Rare in exports (action items, postmortems, reopens): kept as they are, by position.
  const extras = new Map<number, Pick<IncidentFacts, 'actionItems' | 'postmortem' | 'reopens'>>();
  // Ids name incidents the metrics find invalid (milestones out of order). A string each would
  // cost ~40 bytes; blocks of 4096 ids joined into one string, with offsets, cost a few.
  const ID_BLOCK = 4096;
  const idText: string[] = [];
  let idPending: string[] = [];
  let idOffset = 0;
  let idStart = new Uint32Array(capacity);
  const idAt = (i: number): string => {
    const block = i >>> 12;
    if (block === idText.length) return idPending[i & (ID_BLOCK - 1)]!;
    const text = idText[block]!;
    const end = (i & (ID_BLOCK - 1)) === ID_BLOCK - 1 ? text.length : idStart[i + 1]!;
    return text.slice(idStart[i]!, end);
  };
  let postmortems = false;

  const grow = <A extends Float64Array | Uint8Array | Uint16Array | Uint32Array>(a: A, size: number): A => {
    const b = new (a.constructor as new (n: number) => A)(size);
    b.set(a);
    return b;
  };
  const column = (k: number) => {
    let c = times[k];
    if (!c) {
      c = new Float64Array(capacity).fill(Number.NaN);
      times[k] = c;
    }
    return c;
  };
  // The milestone columns there are, as [name, column] pairs (set again when one is added or grown).
  let present: (readonly [Milestone, Float64Array])[] = [];
  const listPresent = () => {
    present = [];
    for (let k = 0; k < MILESTONES.length; k++) {
      const c = times[k];
      if (c) present.push([MILESTONES[k]!, c]);
    }
  };

  const factsAt = (i: number): IncidentFacts => {
    const milestones: Record<string, number> = {};
    for (let k = 0; k < present.length; k++) {
      const [name, c] = present[k]!;
      const v = c[i]!;
      if (!Number.isNaN(v)) milestones[name] = v;
    }
    const facts: Record<string, unknown> = {
      id: idAt(i),
      severity: severities.value(severity[i]!),
      source: sources.value(source[i]!),
      category: categories.value(category[i]!),
      drill: drill[i] === 1,
      phase: phases.value(phase[i]!),
      milestones,
    };
    const extra = extras.get(i);
    if (extra) Object.assign(facts, extra);
    return facts as unknown as IncidentFacts;
  };

  return {
    get length() {
      return n;
    },
    get hasPostmortems() {
      return postmortems;
    },
    add(incident) {
      if (n === capacity) {
        capacity *= 2;
        for (let k = 0; k < MILESTONES.length; k++) {
          const c = times[k];
          if (c) {
            const bigger = new Float64Array(capacity).fill(Number.NaN);
            bigger.set(c);
            times[k] = bigger;
          }
        }
        severity = grow(severity, capacity);
        source = grow(source, capacity);
        phase = grow(phase, capacity);
        drill = grow(drill, capacity);
        category = grow(category, capacity);
        idStart = grow(idStart, capacity);
      }
      const m = incident.milestones as Readonly<Record<string, unknown>>;
      for (const name in m) {
        const v = m[name];
        const k = milestoneIndex.get(name);
        if (typeof v === 'number' && k !== undefined) column(k)[n] = v;
      }
      severity[n] = severities.id(incident.severity);
      source[n] = sources.id(incident.source);
      phase[n] = phases.id(incident.phase);
      drill[n] = incident.drill ? 1 : 0;
      category[n] = categories.id(incident.category);
      idStart[n] = idOffset;
      idOffset += incident.id.length;
      idPending.push(incident.id);
      if (idPending.length === ID_BLOCK) {
        idText.push(idPending.join(''));
        idPending = [];
        idOffset = 0;
      }
      if (incident.postmortem) postmortems = true;
      if (incident.actionItems?.length || incident.postmortem || incident.reopens?.length) {
        extras.set(n, {
          ...(incident.actionItems?.length && { actionItems: incident.actionItems }),
          ...(incident.postmortem && { postmortem: incident.postmortem }),
          ...(incident.reopens?.length && { reopens: incident.reopens }),
        });
      }
      n++;
    },
    facts() {
      const length = n;
      listPresent();
      const detected = times[milestoneIndex.get('detectedAt')!];
      const order = detected === undefined ? undefined : detectionOrder(detected, length);
      const index = (key: string | symbol): number => {
        if (typeof key !== 'string') return -1;
        const c = key.charCodeAt(0);
        if (c < 48 || c > 57) return -1;
        const i = Number(key);
        return Number.isInteger(i) && i < length ? i : -1;
      };
      return new Proxy([] as IncidentFacts[], {
        get(target, key, receiver) {
          const i = index(key);
          if (i >= 0) return factsAt(order === undefined ? i : order[i]!);
          if (key === 'length') return length;
          return Reflect.get(target, key, receiver);
        },
        has(target, key) {
          return index(key) >= 0 || Reflect.has(target, key);
        },
      });
    },
  };
}
