import { useEffect, useState } from "react";

/**
 * The current time in whole seconds, updated every second: for countdowns to `expires_at`.
 *
 * @example
 * const now = useNow();
 * const left = expiresAt - now;
 */
export function useNow(): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
