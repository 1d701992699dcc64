/**
 * README's quickstart is the first 20 lines of examples/quickstart.ts, with the example's imports of
 * the sources (`../src/index.js`, `../src/<module>/index.js`) written as a user writes them
 * (`incidentkit`, `incidentkit/<module>`): the example runs from a fresh clone without a build, and
 * the README shows what a user types.
 */
export const QUICKSTART_LINES = 20;

function asPublished(source: string): string {
  return source
    .replace(/(['"])\.\.\/src\/index\.js\1/g, "'incidentkit'")
    .replace(/(['"])\.\.\/src\/([a-z]+)\/index\.js\1/g, "'incidentkit/$2'");
}

export function quickstartBlock(example: string): string {
  const head = example.split('\n').slice(0, QUICKSTART_LINES).join('\n');
  return asPublished(head);
}

/** The body of README's first ```ts block. */
export function readmeQuickstart(readme: string): string | undefined {
  return /```ts\n([\s\S]*?)\n```/.exec(readme)?.[1];
}
