/**
 * Every regular expression in the lint's source is one we have reviewed for catastrophic
 * backtracking. Beside the ReDoS analyser every pattern of src/ goes through
 * (test/architecture/redos.test.ts), this check is structural and says why: the TypeScript parser
 * finds every regex literal and `RegExp(…)` call in the lint's files, each must be listed below
 * with the reason it runs in linear time, and none may use
 * the constructs that make a backtracking engine super-linear (a quantified group that itself holds
 * a quantifier, unless the group starts with a required character the inner run cannot match;
 * backreferences; lookaround). A new pattern fails this test until someone reviews it here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../src/postmortem');
const FILES = [
  ...readdirSync(join(ROOT, 'blame')).map((f) => join('blame', f)),
  'lint-postmortem.ts',
  'vague-action.ts',
];

/** Pattern (as written) → why it cannot backtrack more than a constant per character. */
const REVIEWED: Readonly<Record<string, string>> = {
  '/[\\p{L}\\p{N}]/uy': 'one sticky character class: tests exactly one position',
  '/\\p{Lu}/uy': 'one sticky character class: tests exactly one position',
  '/\\s+/': 'one class, one quantifier: a run is matched once and never re-entered',
  '/^@/': 'anchored literal',
  '/[\\s._]+/': 'one class, one quantifier',
  '/([a-z])([A-Z])/g': 'two single characters, no quantifier',
  '/[\\s_.-]+/': 'one class, one quantifier',
  '/^[a-z]{2,15}$/': 'anchored, bounded repetition of one class',
  "/[\\p{L}\\p{N}]+(?:['’-][\\p{L}\\p{N}]+)*/gu":
    'each repetition of the group must start with a joiner the letter class cannot match, so every split of a word is forced: one way to match, no backtracking',
  "/[\\p{L}\\p{N}]+(?:[-'’_./:][\\p{L}\\p{N}]+)*/gu": 'as above, with more joiners',
  '/[a-z][A-Z]/': 'two single characters',
  '/’/g': 'one literal character',
  '/\\d/': 'one class',
  '/[-_./:]/': 'one class',
  '/^\\p{Lu}/u': 'anchored single class',
};

interface Found {
  readonly file: string;
  readonly pattern: string;
}

function patternsIn(file: string): Found[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral)
      found.push({ file, pattern: node.getText(source) });
    if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      (node.expression.text === 'RegExp' || node.expression.text === 'lazyRegExp')
    ) {
      const args = node.arguments ?? [];
      const texts = args.map((a) => (ts.isStringLiteral(a) ? a.text : undefined));
      // Built from string literals (a \p{…} pattern built on first use): checked as the literal it equals.
      const [body, flags = ''] = texts;
      const literal =
        body !== undefined && !texts.includes(undefined)
          ? `/${new RegExp(body, flags).source}/${flags}`
          : undefined;
      found.push({ file, pattern: literal ?? `RegExp(${args.map((a) => a.getText(source)).join(', ')})` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A quantified group whose body has its own quantifier and no leading required literal or class. */
function nestedQuantifier(pattern: string): boolean {
  const body = pattern.slice(1, pattern.lastIndexOf('/'));
  const stack: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      while (i < body.length && body[i] !== ']') i += body[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '(') stack.push(i);
    if (c === ')') {
      const open = stack.pop() ?? 0;
      const quantified = /[*+{]/.test(body[i + 1] ?? '');
      const inner = body.slice(open + 1, i).replace(/^\?:/, '');
      if (quantified && /[*+]|\{\d+,\}/.test(inner.replace(/\[[^\]]*\]/g, 'x'))) {
        // Safe only when the group opens with a required class or literal (a joiner) before its run.
        const opensWithRequired = /^(\[[^\]]+\]|\\?[^[(\\])(?![*?+{])/.test(inner);
        if (!opensWithRequired) return true;
      }
    }
  }
  return false;
}

describe('regular expressions in the lint', () => {
  const all = FILES.flatMap(patternsIn);

  it('finds the patterns it checks (the scan sees the source)', () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
  });

  it('every pattern has been reviewed for linear time', () => {
    const unreviewed = all.filter((f) => !(f.pattern in REVIEWED));
    expect(unreviewed).toEqual([]);
  });

  it('no pattern nests a quantifier in a quantified group, refers back, or looks around', () => {
    for (const { file, pattern } of all) {
      expect({ file, pattern, nested: nestedQuantifier(pattern) }).toEqual({ file, pattern, nested: false });
      expect(pattern, file).not.toMatch(/\\[1-9]|\\k<|\(\?<?[=!]/);
    }
  });

  it('the structural check flags the classic catastrophic shapes', () => {
    for (const bad of ['/(a+)+$/', '/(a*)*b/', '/(\\s*x?)+y/', '/(?:[a-z]+)*!/']) {
      expect(nestedQuantifier(bad), bad).toBe(true);
    }
    expect(nestedQuantifier("/[a]+(?:['-][a]+)*/")).toBe(false);
  });

  it('no listed pattern is stale', () => {
    const seen = new Set(all.map((f) => f.pattern));
    expect(Object.keys(REVIEWED).filter((p) => !seen.has(p))).toEqual([]);
  });
});
