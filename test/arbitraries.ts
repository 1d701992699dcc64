/**
 * The one place for fast-check arbitraries: every property suite imports from here. Each domain
 * keeps its generators in `test/arbitraries/<domain>.ts`, re-exported below.
 */

export * from './arbitraries/comms.js';
export * from './arbitraries/events.js';
export * from './arbitraries/metrics.js';
export * from './arbitraries/postmortem.js';
