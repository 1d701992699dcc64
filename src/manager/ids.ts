import { type IdPrefix, newId } from '../model/index.js';

/**
 * Where the manager gets the random ids of incidents and events it creates when the caller gave
 * no id and no `commandId`. Tests pass a counter to get readable, repeatable ids.
 *
 * @example
 * ```ts
 * import type { IdGenerator } from 'incidentkit/manager';
 * let n = 0;
 * const ids: IdGenerator = { newId: (prefix) => `${prefix}_${++n}` };
 * ids.newId('inc'); // 'inc_1'
 * ```
 */
export interface IdGenerator {
  readonly newId: (prefix: IdPrefix) => string;
}

/**
 * The default {@link IdGenerator}: 14 random symbols from Web Crypto with a readable prefix (`evt_V1StGXR8Z5jdHi`).
 *
 * @example
 * ```ts
 * import { randomIds } from 'incidentkit/manager';
 * randomIds.newId('evt').startsWith('evt_'); // true
 * ```
 */
export const randomIds: IdGenerator = {
  newId: (prefix) => newId(prefix),
};
