// Minimal data loading hook: runs a memoized loader, ignores stale answers, exposes reload.
import { useCallback, useEffect, useState } from 'react';

/** State of a loader call. */
export type AsyncState<T> = { data: T | undefined; error: unknown; loading: boolean; reload: () => void };

/** Runs `loader` whenever it changes (wrap it in useCallback) or reload() is called. */
export function useAsync<T>(loader: (() => Promise<T>) | null): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(false);
  const [nonce, setNonce] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: nonce is a deliberate re-run trigger.
  useEffect(() => {
    if (!loader) return;
    let live = true;
    setLoading(true);
    setError(undefined);
    loader()
      .then((value) => {
        if (live) setData(value);
      })
      .catch((err: unknown) => {
        if (live) setError(err);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [loader, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload };
}
