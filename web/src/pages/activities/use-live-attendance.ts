// The live attendance of an activity: an EventSource on /api/activities/:id/live whose `attendance`
// events carry the counters and the latest check-in (sent on connect and within 2 s of each check-in).
import { useEffect, useState } from 'react';
import { type LiveAttendance, liveUrl } from '../../api/activities';

/** The last event and whether the stream is connected (the browser reconnects by itself). */
export type LiveState = { data: LiveAttendance | null; connected: boolean };

/** Subscribes while `enabled`; closes the stream on unmount. */
export function useLiveAttendance(activityId: string, enabled = true): LiveState {
  const [state, setState] = useState<LiveState>({ data: null, connected: false });

  useEffect(() => {
    if (!enabled || typeof EventSource !== 'function') return;
    const source = new EventSource(liveUrl(activityId));
    const onAttendance = (e: MessageEvent<string>) => {
      try {
        const data = JSON.parse(e.data) as LiveAttendance;
        if (data.gone) source.close();
        else setState({ data, connected: true });
      } catch {
        // A malformed event is ignored; the next one replaces it.
      }
    };
    source.addEventListener('attendance', onAttendance as EventListener);
    source.onopen = () => setState((s) => ({ ...s, connected: true }));
    source.onerror = () => setState((s) => ({ ...s, connected: false }));
    return () => {
      source.removeEventListener('attendance', onAttendance as EventListener);
      source.close();
    };
  }, [activityId, enabled]);

  return state;
}
