import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The subpaths that must run anywhere (browsers, workers): no I/O, no Node built-ins. */
export const PURE_SUBPATHS = [
  'lifecycle',
  'severity',
  'comms',
  'postmortem',
  'metrics',
  'importers',
] as const;

// Static imports and re-exports, side-effect imports, dynamic imports and requires in tsup's output.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;

/**
 * Every bare specifier (a package or a built-in) reachable from `entry` through its relative
 * imports: what a bundler would have to resolve for that entry point.
 */
export function bareImports(entry: string): string[] {
  const seen = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[2]!;
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
      else bare.add(specifier);
    }
  };
  visit(entry);
  return [...bare].sort();
}
