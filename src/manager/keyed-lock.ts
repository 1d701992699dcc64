/**
 * Runs tasks one at a time per key, in call order; different keys run concurrently. The manager
 * queues its own commands on one incident here, so writers inside one process never race each
 * other to the store (no wasted decide-append-conflict rounds); only other replicas can conflict.
 */
export interface KeyedLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** A {@link KeyedLock} that forgets a key once its queue is empty (no growth with incident count). */
export function keyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
