/**
 * Every regular expression in `src/` goes through a ReDoS analyser (redos-detector's `isSafe`,
 * default score and step limits, no wall-clock timeout so the verdict does not depend on how busy
 * the machine is). The TypeScript parser finds every regex literal and every `RegExp(…)` /
 * `new RegExp(…)` / `lazyRegExp(…)` call, so a pattern cannot hide in a string or a comment-like position.
 *
 * A pattern the analyser calls unsafe fails with its file:line, unless it is listed in
 * {@link KNOWN_UNSAFE} (file and pattern text, not the line, so edits elsewhere in the file do not
 * matter; empty now, and it must stay so). Known patterns are not re-analysed; an entry whose
 * pattern has left the file is printed as stale so it can be deleted.
 *
 * A `RegExp(…)` built from anything but string literals cannot be analysed statically and fails.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isSafe, isSafePattern, type RedosDetectorResult } from 'redos-detector';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

/**
 * Patterns redos-detector reports unsafe that are tolerated, with its verdict (`hitMaxScore`: more
 * than 200 ways to match one input; `hitMaxSteps`: too many paths to finish, treated as unsafe).
 * Empty: the 29 patterns listed when this test arrived were all rewritten (issue 13 §1). Never add
 * one — a new unsafe pattern must be rewritten instead.
 */
const KNOWN_UNSAFE: Readonly<Record<string, string>> = {};

interface Found {
  /** Path under src/, forward slashes. */
  readonly file: string;
  readonly line: number;
  /** The pattern as written (`/…/flags`), or the call's text for a `RegExp(…)` call. */
  readonly text: string;
  /** The compiled pattern, or undefined when it cannot be built statically. */
  readonly regexp: RegExp | undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * What builds a regex from strings: `RegExp` and `lazyRegExp` (model/lazy.ts, a `\p{…}` pattern built
 * on first use). Inside `lazyRegExp` itself the one `new RegExp(source, flags)` takes its caller's
 * strings, so it is not counted: each `lazyRegExp('…', '…')` call is, as the literal it builds.
 */
const BUILDERS = new Set(['RegExp', 'lazyRegExp']);

function literalText(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

function patternsIn(path: string): Found[] {
  const file = relative(SRC, path).split('\\').join('/');
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(source);
      const slash = text.lastIndexOf('/');
      found.push({
        file,
        line: lineOf(node),
        text,
        regexp: new RegExp(text.slice(1, slash), text.slice(slash + 1)),
      });
    }
    if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      BUILDERS.has(node.expression.text) &&
      !(file === 'model/lazy.ts' && node.expression.text === 'RegExp')
    ) {
      const args = (node.arguments ?? []).map(literalText);
      const text = node.getText(source);
      const regexp =
        args.length > 0 && args.every((a) => a !== undefined) ? new RegExp(args[0]!, args[1]) : undefined;
      found.push({
        file,
        line: lineOf(node),
        text: regexp ? `/${regexp.source}/${regexp.flags}` : text,
        regexp,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * redos-detector refuses `i` together with `u`; such a pattern is analysed with `u` only, which
 * keeps the structure (the quantifiers and alternations that decide backtracking) and only narrows
 * which letters overlap.
 */
function analyse(regexp: RegExp): RedosDetectorResult {
  const limits = { timeout: Number.POSITIVE_INFINITY };
  if (regexp.flags.includes('i') && regexp.flags.includes('u'))
    return isSafePattern(regexp.source, { ...limits, unicode: true });
  return isSafe(regexp, limits);
}

const all = sourceFiles(SRC).flatMap(patternsIn);

describe('every RegExp in src/ passes a ReDoS analyser', () => {
  it('finds the patterns (the scan itself works)', () => {
    expect(all.length).toBeGreaterThan(100);
  });

  it('builds every RegExp(…) from string literals, so it can be analysed', () => {
    const dynamic = all.filter((f) => f.regexp === undefined).map((f) => `${f.file}:${f.line} ${f.text}`);
    expect(dynamic).toEqual([]);
  });

  it('has no unsafe pattern outside the known TODO list', { timeout: 300_000 }, () => {
    const unsafe: string[] = [];
    for (const found of all) {
      if (found.regexp === undefined) continue;
      if (`${found.file} ${found.text}` in KNOWN_UNSAFE) continue;
      const result = analyse(found.regexp);
      if (!result.safe) unsafe.push(`${found.file}:${found.line} ${found.text} (${result.error})`);
    }
    expect(unsafe).toEqual([]);
  });

  it('keeps the TODO list to files that exist, and says which entries are stale', () => {
    const files = new Set(all.map((f) => f.file));
    const present = new Set(all.map((f) => `${f.file} ${f.text}`));
    const stale = Object.keys(KNOWN_UNSAFE).filter((key) => !present.has(key));
    // A fixed pattern leaves a stale entry behind: say so, but do not fail someone else's fix.
    if (stale.length > 0)
      console.info(`redos: stale KNOWN_UNSAFE entries, delete them:\n  ${stale.join('\n  ')}`);
    const missingFiles = Object.keys(KNOWN_UNSAFE)
      .map((key) => key.slice(0, key.indexOf(' ')))
      .filter((file) => !files.has(file) && !sourceFiles(SRC).some((p) => p.endsWith(file)));
    expect(missingFiles).toEqual([]);
  });
});
