// The options of a Select that searches on the server as the user types: 250 ms after the last key (at
// once when the text is empty), answers that arrive late are dropped, and the labels of options once
// seen are kept so a chosen value stays readable when a later search no longer lists it.
import { useEffect, useRef, useState } from 'react';

export type RemoteOption = { value: string; label: string };

/**
 * Runs `search(q)` when `active`; `deps` are what else the search depends on (its identity is not
 * tracked, so a new function each render does not search again).
 */
export function useRemoteOptions(search: (q: string) => Promise<RemoteOption[]>, q: string, active: boolean, deps: readonly unknown[]) {
  const [options, setOptions] = useState<RemoteOption[]>([]);
  const [loading, setLoading] = useState(false);
  const labels = useRef(new Map<string, string>());
  const run = useRef(search);
  run.current = search;
  useEffect(() => {
    if (!active) return;
    let live = true;
    const timer = setTimeout(
      () => {
        setLoading(true);
        run.current(q.trim())
          .then((next) => {
            if (!live) return;
            for (const o of next) labels.current.set(o.value, o.label);
            setOptions(next);
          })
          .catch(() => {
            if (live) setOptions([]);
          })
          .finally(() => {
            if (live) setLoading(false);
          });
      },
      q ? 250 : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, active, ...deps]);
  return { options, loading, labels };
}
