'use client';

import { useEffect, useRef } from 'react';

/**
 * Calls `fn` at most once per `ms` however many events arrive: a burst of status changes (a
 * region's agents reconnecting after a control-plane restart) costs one refetch, not hundreds.
 */
export function useThrottled(fn: () => void, ms = 500): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const ref = useRef(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, ms);
  });
  return ref.current;
}
