export * from './adapters/index.js';
export * from './comms/index.js';
export * from './lifecycle/index.js';
export * from './manager/index.js';
export * from './metrics/index.js';
export * from './model/index.js';
export * from './postmortem/index.js';
export * from './severity/index.js';
