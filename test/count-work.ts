/**
 * Counts the work a function asks of the string and RegExp machinery, so a test can hold a budget
 * of work per input character without timing anything. Every string method is charged the
 * characters it has to look at (a whole-string method its length, `slice` what it returns,
 * `charCodeAt` one, `indexOf` the distance it searched); a global or sticky expression is charged
 * the distance from `lastIndex` to where its match ended (or to the end), a plain one the whole
 * input; `Array#join` and `JSON.stringify` are charged what they write. What an expression does inside (backtracking) is not seen here: every pattern in `src/`
 * is checked for that by test/architecture/redos.test.ts.
 */

type Method = (this: unknown, ...args: unknown[]) => unknown;
type Cost = (self: unknown, args: readonly unknown[], out: unknown) => number;

const length = (s: unknown): number => String(s).length;

const STRING_COSTS: Readonly<Record<string, Cost>> = {
  ...Object.fromEntries(
    [
      'replace',
      'replaceAll',
      'split',
      'match',
      'matchAll',
      'search',
      'includes',
      'trim',
      'trimStart',
      'trimEnd',
      'normalize',
      'toUpperCase',
      'toLowerCase',
      'padStart',
      'padEnd',
      'repeat',
    ].map((name): [string, Cost] => [name, (self) => length(self)]),
  ),
  slice: (_s, _a, out) => length(out) + 1,
  substring: (_s, _a, out) => length(out) + 1,
  startsWith: (_s, args) => length(args[0]) + 1,
  endsWith: (_s, args) => length(args[0]) + 1,
  indexOf: (self, args, out) => {
    const from = typeof args[1] === 'number' ? args[1] : 0;
    return (out === -1 ? length(self) : (out as number) + length(args[0])) - from + 1;
  },
  lastIndexOf: (self, args, out) => {
    const from = typeof args[1] === 'number' ? args[1] : length(self);
    return from - (out === -1 ? 0 : (out as number)) + 1;
  },
};

/** Runs `fn` and returns the work it did (see the module comment for what one unit is). */
export function countWork(fn: () => void): number {
  let work = 0;
  const restore: (() => void)[] = [];
  const patch = (target: object, name: string, cost: Cost) => {
    const methods = target as Record<string, Method>;
    const original = methods[name]!;
    methods[name] = function (this: unknown, ...args: unknown[]) {
      const out = original.apply(this, args);
      work += cost(this, args, out);
      return out;
    };
    restore.push(() => {
      methods[name] = original;
    });
  };
  for (const [name, cost] of Object.entries(STRING_COSTS)) patch(String.prototype, name, cost);
  // One unit per character read, patched without the generic wrapper: scanners call these per character.
  const strings = String.prototype as unknown as Record<string, (this: string, index?: number) => unknown>;
  for (const name of ['charCodeAt', 'codePointAt', 'at']) {
    const original = strings[name]!;
    strings[name] = function (this: string, index?: number) {
      work++;
      return original.call(this, index);
    };
    restore.push(() => {
      strings[name] = original;
    });
  }
  for (const name of ['exec', 'test'] as const) {
    const methods = RegExp.prototype as unknown as Record<string, Method>;
    const original = methods[name]!;
    methods[name] = function (this: unknown, ...args: unknown[]) {
      const re = this as RegExp;
      const input = String(args[0]);
      const from = re.global || re.sticky ? re.lastIndex : 0;
      const out = original.apply(this, args);
      const matched = out !== null && out !== false;
      if (re.sticky) work += matched ? Math.max(1, re.lastIndex - from) : 1;
      else if (re.global) work += (matched ? re.lastIndex - from : input.length - from) + 1;
      else work += input.length + 1;
      return out;
    };
    restore.push(() => {
      methods[name] = original;
    });
  }
  patch(Array.prototype, 'join', (_s, _a, out) => length(out) + 1);
  patch(JSON, 'stringify', (_s, _a, out) => (typeof out === 'string' ? out.length : 0));
  try {
    fn();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
  return work;
}
