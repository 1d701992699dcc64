/** A promise-chain mutex: `run` calls wait for each other, in call order. */
export interface Mutex {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** A new {@link Mutex}. */
export function createMutex(): Mutex {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task, task);
      // The next task waits for this one to settle, whether it resolved or threw.
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
  };
}
