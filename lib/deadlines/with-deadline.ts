/**
 * `work`, or `onTimeout()`'s error once `timeoutMs` have passed, whichever comes first; the timer
 * is cleared either way. The work itself goes on (a promise cannot be cancelled): only its caller
 * stops waiting. The one deadline of the browser's token requests, the refresh guard's waits and
 * every Redis call.
 *
 * @example
 * const answer = await withDeadline(fetchToken(), 15_000, () => new TokenRequestTimeoutError(15_000));
 */
export function withDeadline<T>(
  work: Promise<T>,
  timeoutMs: number,
  onTimeout: () => Error,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
