// The signed-in session (Me) and the deployment's health, shared by every page.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { getHealth, getMe } from '../api/auth';
import { ApiError, setUnauthorizedHandler } from '../api/client';
import type { Health, Me } from '../api/types';

type SessionValue = {
  /** undefined while the first probe runs, null when signed out. */
  me: Me | null | undefined;
  health: Health | null;
  setMe: (me: Me | null) => void;
  /** Reloads /api/auth/me (after a password change or TOTP enrolment). */
  refreshMe: () => Promise<Me | null>;
  can: (permission: string) => boolean;
};

const SessionContext = createContext<SessionValue | null>(null);

/** Loads the session once and keeps it; a 401 anywhere signs the user out of the UI. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [health, setHealth] = useState<Health | null>(null);

  const refreshMe = useCallback(async () => {
    try {
      const next = await getMe(true);
      setMe(next);
      return next;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setMe(null);
        return null;
      }
      throw err;
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => setMe(null));
    getHealth()
      .then(setHealth)
      .catch(() => setHealth(null));
    refreshMe().catch(() => setMe(null));
  }, [refreshMe]);

  const can = useCallback((permission: string) => !!me?.permissions.includes(permission), [me]);
  const value = useMemo(() => ({ me, health, setMe, refreshMe, can }), [me, health, refreshMe, can]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session context. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for pages rendered inside the authenticated layout. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
