/**
 * Vague action items: ones that ask people to behave better ("be more careful") or name a generic
 * activity with no concrete object ("improve monitoring", "investigate further", "add more tests").
 * An item is concrete when, after dropping generic verbs, generic nouns and filler, something is
 * left (a component, a signal, a threshold), or when it names something specific (digits, an
 * identifier like `checkout-api` or `max_conns`, a proper noun, a quoted string).
 */

import { lazy, lazyRegExp } from '../model/lazy.js';

/** A word: letters and digits, joined by `-`, `'`, `’`, `_`, `.`, `/` or `:`. */
const TOKEN = lazyRegExp("[\\p{L}\\p{N}]+(?:[-'’_./:][\\p{L}\\p{N}]+)*", 'gu');
/** Starts with an upper-case letter. */
const UPPER_FIRST = lazyRegExp('^\\p{Lu}', 'u');

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

// The word sets are built on first use, not at import.
const BEHAVIOUR = lazy(() =>
  words(`
  careful carefully cautious cautiously vigilant vigilance mindful attentive diligent diligently remember
  remind reminder reminders awareness aware harder
`),
);

const GENERIC = lazy(() =>
  words(`
  improve improving improved improvement improvements investigate investigating investigation investigations
  look looking review reviewing revisit fix fixing address enhance update consider explore discuss evaluate
  assess check monitor follow followup follow-up ensure make prevent add adding increase clean cleanup
  refactor document tune optimize optimise harden strengthen audit rethink reconsider figure understand
  analyze analyse analysis dig research track think sync work do handle resolve train training retrain
  educate education communicate be get have try need needs should must will can more further deeper better
  again properly correctly generally overall general some any all our the a an to of and or around on for in
  with up into about going forward future somehow where possible needed necessary as if etc various other
  related it this that these those things stuff thing issue issues problem problems incident incidents outage
  outages failure failures root cause causes area areas system systems code codebase infra infrastructure
  setup config configuration process processes procedure procedures practice practices documentation docs
  communication comms reliability stability resilience performance quality tooling tools visibility
  observability monitoring alerting alerts alert testing tests test coverage logging logs metrics dashboards
  dashboard runbook runbooks what happened happen happens again why how when team teams everyone people
  engineers engineer us we they them tbd todo n/a doesn't does not no never sure way ways approach plan plans
  strategy options option solution solutions long-term short-term term long short bug bugs error errors
  handling similar like same kind type next time times postmortem action item items task tasks ticket
  tickets is are was so mistakes mistake recurrence recur recurring
`),
);

/** Why an action item title is vague, and how to rewrite it. */
export interface VagueReason {
  readonly kind: 'behaviour' | 'investigate' | 'detect' | 'test' | 'generic';
  readonly suggestion: string;
}

const SUGGESTIONS: Readonly<Record<VagueReason['kind'], string>> = {
  behaviour:
    'it asks people to try harder; replace it with a safeguard the system enforces, e.g. "Make the cleanup CLI ask for the target account name before deleting"',
  investigate:
    'it has no question or deliverable; say what to find out and where, e.g. "Find out why db-main failover took 20 min and propose a target"',
  detect:
    'name the signal, threshold and where it pages, e.g. "Alert the payments on-call when checkout-api p99 latency exceeds 2 s for 5 min"',
  test: 'name the test and what it covers, e.g. "Add an integration test for an empty allow-list in config-validator"',
  generic:
    'name the concrete change and where it lands, e.g. "Add a canary stage to the checkout-api deploy pipeline"',
};

const QUOTE_MARKS = '"\'`“‘”’';
const OPENING_QUOTES = '"\'`“‘';
const CLOSING_QUOTES = '"\'`”’';

/**
 * Whether some text stands between an opening and a closing quote mark with no quote mark inside
 * (what `/["'`“‘][^"'`“‘”’]+["'`”’]/` found), in one pass: each quote mark closes the run before it
 * or opens the next.
 */
export function hasQuotedText(text: string): boolean {
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!QUOTE_MARKS.includes(c)) continue;
    if (open >= 0 && i > open + 1 && CLOSING_QUOTES.includes(c)) return true;
    open = OPENING_QUOTES.includes(c) ? i : -1;
  }
  return false;
}

/**
 * Returns why `title` is vague, or `undefined` for a concrete action item: "Improve monitoring" is
 * vague (`detect`), "Alert when queue depth on orders-consumer exceeds 10k" is not.
 */
export function vagueActionItem(title: string): VagueReason | undefined {
  const text = title.slice(0, 2_000);
  const tokens = text.match(TOKEN()) ?? [];
  const lower = tokens.map((t) => t.toLowerCase().replace(/’/g, "'"));
  const reason = (kind: VagueReason['kind']): VagueReason => ({ kind, suggestion: SUGGESTIONS[kind] });
  const has = (...list: string[]) => list.some((w) => lower.includes(w));

  const behaviour =
    lower.some((w) => BEHAVIOUR().has(w)) ||
    lower.some((w, i) => w === 'attention' && ['pay', 'paying', 'more'].includes(lower[i - 1] ?? '')) ||
    ((lower[0] === 'double-check' || (lower[0] === 'double' && lower[1] === 'check')) &&
      tokens.length <= 6) ||
    (has('happen', 'happens') && has('again'));
  if (behaviour) return reason('behaviour');

  // Something specific makes an item concrete: a number, an identifier, a name, a quoted string.
  if (/\d/.test(text) || hasQuotedText(text)) return undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (/[-_./:]/.test(t) && !GENERIC().has(t.toLowerCase())) return undefined;
    if (/[a-z][A-Z]/.test(t)) return undefined;
    if (i > 0 && UPPER_FIRST().test(t) && t.length > 1) return undefined;
  }
  const content = lower.filter((w) => !GENERIC().has(w));
  if (content.length > 0) return undefined;
  if (
    has(
      'investigate',
      'investigation',
      'investigating',
      'look',
      'dig',
      'research',
      'figure',
      'understand',
      'analyze',
      'analyse',
      'analysis',
    )
  ) {
    return reason('investigate');
  }
  if (
    has(
      'monitoring',
      'alerting',
      'alerts',
      'alert',
      'observability',
      'visibility',
      'dashboards',
      'dashboard',
      'metrics',
      'logging',
      'logs',
    )
  ) {
    return reason('detect');
  }
  if (has('testing', 'tests', 'test', 'coverage')) return reason('test');
  return reason('generic');
}
