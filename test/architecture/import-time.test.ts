/**
 * Importing incidentkit builds no zod schema: every `z.…` call in src/ sits inside a function (a
 * `lazy` / `lazySchema` builder or the function that parses), never in a module's top-level code.
 * A schema built at import is cold-start cost for every host, whether it parses anything or not
 * (the first one also pays for compiling zod's own functions). Likewise no regex literal with a
 * Unicode property escape (`\p{…}`) outside the CLI: V8 checks each such literal when it compiles
 * the file, even inside a function (~0.2 ms each), so they are built on first use with
 * `new RegExp(…)`. Structural, not timed: the TypeScript parser finds both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `z.…(…)` calls evaluated when the module is (outside every function body), as `file:line`. */
function zodCallsAtImport(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) return;
    if (ts.isCallExpression(node)) {
      let callee: ts.Expression = node.expression;
      while (ts.isPropertyAccessExpression(callee) || ts.isCallExpression(callee))
        callee = ts.isCallExpression(callee) ? callee.expression : callee.expression;
      if (ts.isIdentifier(callee) && callee.text === 'z') {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        found.push(`${relative(SRC, file)}:${line + 1}`);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Regex literals with `\p{…}` anywhere in the file, as `file:line`. */
function propertyEscapeLiterals(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral && /\\[pP]\{/.test(node.getText(source))) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${relative(SRC, file)}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('import time', () => {
  const files = sourceFiles(SRC);

  it('sees the source (zod is used somewhere)', () => {
    expect(files.some((f) => readFileSync(f, 'utf8').includes("from 'zod/mini'"))).toBe(true);
  });

  it('builds no zod schema at import', () => {
    expect(files.flatMap(zodCallsAtImport)).toEqual([]);
  });

  it('compiles no \\p{…} regex literal with the library (the CLI may)', () => {
    const library = files.filter((f) => !relative(SRC, f).startsWith('cli/'));
    expect(library.flatMap(propertyEscapeLiterals)).toEqual([]);
    // The check sees such literals: the CLI's table layout has some.
    expect(
      files.filter((f) => relative(SRC, f).startsWith('cli/')).flatMap(propertyEscapeLiterals),
    ).not.toEqual([]);
  });
});
