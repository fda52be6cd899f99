/** Small React hooks shared by the popover's components. */
import { useEffect, useState } from 'react';

/** The current time, updated every `intervalMs`, so "2 h ago" keeps counting while the popover is open. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export { userLocale } from './locale';
