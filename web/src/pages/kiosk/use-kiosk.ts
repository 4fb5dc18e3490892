// The kiosk's controller: the device credential (localStorage), the device and its activities of the day,
// the scan → check-in flow with its offline fallback (IndexedDB queue, local checks against the synced
// revocation list and public keys), and the background upload loop.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BatchResult, CheckinBody, CheckinOk, Credential, KioskActivity, KioskMe, PublicKeys, Revocations } from './kiosk-api';
import { KioskOffline, KioskRefused, kioskClient, publicGet } from './kiosk-client';
import { idbScanStore, loadOfflineData, saveOfflineData } from './kiosk-db';
import { checkOffline, isActivityQr } from './kiosk-qr';
import { enqueueScan, isQueued, type ScanStore, UploadLoop, type UploadState } from './kiosk-queue';
import { parseScan, type ReaderMode } from './kiosk-scan';
import type { DeviceCredential } from './kiosk-signing';

const CREDENTIAL_KEY = 'hy_kiosk_device';
const ME_KEY = 'hy_kiosk_me';
const ACTIVITY_KEY = 'hy_kiosk_activity';

/** Refresh the device's activities and the offline data this often while online. */
const REFRESH_MS = 5 * 60_000;
/** The most refused uploads kept on screen. */
const REFUSED_SHOWN = 20;

/** The stored settings. */
export type KioskSettings = DeviceCredential & { mode: ReaderMode };

const read = <T>(key: string): T | null => {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
};
const write = (key: string, value: unknown) => {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the kiosk keeps working for this session.
  }
};

/** The outcome of one scan, shown large for a few seconds. */
export type ScanResult =
  | { kind: 'ok'; duplicate: boolean; affiliated: boolean; name: string | null; orgName: string | null }
  | { kind: 'queued'; pending: number; name: string | null; duplicate: boolean }
  | { kind: 'error'; code: string; message: string };

/** A refused offline upload, for the operator. */
export type Refused = BatchResult & { at: string };

type Offline = { revokedCards: Set<string>; keys: PublicKeys | null; syncedAt: string | null };

/** Whether `now` lies in the activity's check-in window. */
export const inWindow = (a: Pick<KioskActivity, 'checkinFrom' | 'checkinUntil'>, now = Date.now()) =>
  now >= new Date(a.checkinFrom).getTime() && now <= new Date(a.checkinUntil).getTime();

/** Everything the kiosk screens need. */
export function useKiosk(store: ScanStore = idbScanStore) {
  const [settings, setSettingsState] = useState<KioskSettings | null>(() => read<KioskSettings>(CREDENTIAL_KEY));
  const [me, setMe] = useState<KioskMe | null>(() => read<KioskMe>(ME_KEY));
  const [activityId, setActivityIdState] = useState<string | null>(() => read<string>(ACTIVITY_KEY));
  const [online, setOnline] = useState<boolean | null>(null);
  const [authError, setAuthError] = useState<KioskRefused | null>(null);
  const [upload, setUpload] = useState<UploadState>({ pending: 0, uploading: false, failures: 0, lastError: null, nextTryAt: null });
  const [refused, setRefused] = useState<Refused[]>([]);
  const [loadingMe, setLoadingMe] = useState(false);
  const offline = useRef<Offline>({ revokedCards: new Set(), keys: null, syncedAt: null });
  const [syncedAt, setSyncedAt] = useState<string | null>(null);

  const client = useMemo(() => (settings ? kioskClient(settings) : null), [settings]);

  /** Notes what a request showed about the server: reachable, unreachable, or refusing the device. */
  const observe = useCallback((err: unknown) => {
    if (err instanceof KioskOffline) setOnline(false);
    else {
      setOnline(true);
      if (err instanceof KioskRefused && err.status === 401) setAuthError(err);
    }
  }, []);

  const loop = useMemo(() => {
    if (!client) return null;
    return new UploadLoop({
      store,
      send: async (items: CheckinBody[]) => {
        try {
          const r = await client.post<{ results: BatchResult[] }>('/api/checkins/batch', { items });
          observe(null);
          return r.body.results;
        } catch (err) {
          observe(err);
          throw err;
        }
      },
      onState: setUpload,
      onRefused: (items) => {
        const at = new Date().toISOString();
        setRefused((prev) => [...items.map((r) => ({ ...r, at })), ...prev].slice(0, REFUSED_SHOWN));
      },
    });
  }, [client, store, observe]);

  // The stored offline data, then the queue: upload what an earlier session left.
  useEffect(() => {
    loadOfflineData()
      .then((d) => {
        offline.current = { revokedCards: new Set(d.revocations?.cards ?? []), keys: d.keys, syncedAt: d.syncedAt };
        setSyncedAt(d.syncedAt);
      })
      .catch(() => {});
  }, []);

  useEffect(() => {
    if (!loop) return;
    void loop.kick();
    const back = () => void loop.kick(true);
    window.addEventListener('online', back);
    return () => {
      window.removeEventListener('online', back);
      loop.stop();
    };
  }, [loop]);

  /** Reloads the device and its activities, the revocation list and the keys. */
  const refresh = useCallback(async () => {
    if (!client) return;
    setLoadingMe(true);
    try {
      const next = await client.get<KioskMe>('/api/kiosk/me');
      setMe(next);
      write(ME_KEY, next);
      observe(null);
      setAuthError(null);
      const [revocations, keys] = await Promise.all([client.get<Revocations>('/api/kiosk/revocations'), publicGet<PublicKeys>('/api/checkin/keys')]);
      offline.current = { revokedCards: new Set(revocations.cards), keys, syncedAt: new Date().toISOString() };
      setSyncedAt(offline.current.syncedAt);
      await saveOfflineData({ revocations, keys }).catch(() => {});
      void loop?.kick(true);
    } catch (err) {
      observe(err);
    } finally {
      setLoadingMe(false);
    }
  }, [client, loop, observe]);

  useEffect(() => {
    if (!client) return;
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [client, refresh]);

  const saveSettings = useCallback((next: KioskSettings | null) => {
    write(CREDENTIAL_KEY, next);
    if (!next) {
      write(ME_KEY, null);
      write(ACTIVITY_KEY, null);
      setMe(null);
      setActivityIdState(null);
    }
    setAuthError(null);
    setSettingsState(next);
  }, []);

  const setMode = useCallback((mode: ReaderMode) => {
    setSettingsState((s) => {
      if (!s) return s;
      const next = { ...s, mode };
      write(CREDENTIAL_KEY, next);
      return next;
    });
  }, []);

  const setActivityId = useCallback((id: string | null) => {
    write(ACTIVITY_KEY, id);
    setActivityIdState(id);
  }, []);

  const activity = me?.activities.find((a) => a.id === activityId) ?? null;

  /** Handles one scan; never throws. */
  const scan = useCallback(
    async (raw: string): Promise<ScanResult | null> => {
      if (!client || !settings || !activity) return null;
      if (isActivityQr(raw)) return { kind: 'error', code: 'KIOSK_ACTIVITY_QR', message: '' };
      const credential: Credential | null = parseScan(raw, settings.mode);
      if (!credential) return null;
      const body: CheckinBody = {
        activityId: activity.id,
        credential,
        nonce: crypto.randomUUID(),
        deviceTime: new Date().toISOString(),
        deviceId: me?.device.id ?? settings.keyId,
      };
      try {
        const { body: ok } = await client.post<CheckinOk>('/api/checkins', body);
        observe(null);
        // The server is back: upload what waited.
        if (upload.pending) void loop?.kick(true);
        return {
          kind: 'ok',
          duplicate: ok.duplicate,
          affiliated: ok.affiliated,
          name: ok.member?.name ?? null,
          orgName: ok.member?.orgName ?? null,
        };
      } catch (err) {
        observe(err);
        if (err instanceof KioskRefused) return { kind: 'error', code: err.code, message: err.message };
        if (!(err instanceof KioskOffline)) return { kind: 'error', code: 'KIOSK_CREDENTIAL', message: String(err) };
      }
      // Offline: judge what can be judged here, then queue.
      if (!inWindow(activity)) return { kind: 'error', code: 'CHECKIN_OUTSIDE_WINDOW', message: '' };
      const verdict = await checkOffline(credential, { keys: offline.current.keys, revokedCards: offline.current.revokedCards });
      if (!verdict.ok) return { kind: 'error', code: verdict.code, message: '' };
      const name = verdict.claims?.n ?? null;
      try {
        if (await isQueued(store, activity.id, credential)) {
          return { kind: 'queued', pending: await store.count(), name, duplicate: true };
        }
        const pending = await enqueueScan(store, body);
        void loop?.kick();
        return { kind: 'queued', pending, name, duplicate: false };
      } catch (err) {
        return { kind: 'error', code: 'KIOSK_STORAGE', message: err instanceof Error ? err.message : String(err) };
      }
    },
    [client, settings, activity, me, observe, loop, store, upload.pending],
  );

  return {
    settings,
    saveSettings,
    setMode,
    me,
    activity,
    setActivityId,
    refresh,
    loadingMe,
    online,
    authError,
    upload,
    refused,
    clearRefused: () => setRefused([]),
    syncedAt,
    revokedCount: () => offline.current.revokedCards.size,
    scan,
  };
}

/** The hook's value. */
export type Kiosk = ReturnType<typeof useKiosk>;
