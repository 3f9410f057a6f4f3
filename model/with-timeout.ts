// Waiting for something, but not for ever.

/** Settles as `promise` does, or with `fallback` if it has not settled within `ms` (the timer is cleared either way). */
export function withTimeout<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([promise, gaveUp]).finally(() => clearTimeout(timer));
}
