/** The work the blame rules do, counted so a test can prove it linear without timing anything. */

/** A step counter: one step per character scanned and per token a rule looks at. */
export interface BlameWork {
  steps: number;
}

/**
 * The counter every blame lint adds its steps to. Counting is all it is for: tests read it before
 * and after a call to check a budget of work per character (wall time on a shared machine proves
 * nothing).
 */
export const blameWork: BlameWork = { steps: 0 };
