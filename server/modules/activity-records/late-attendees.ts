import type { Services } from '../../core/services.ts';
import { systemActivityById } from '../activities/activities.repo.ts';
import { type Written, engineOf } from '../checkin/engine.ts';
import { fileActor } from '../members/member-file.ts';
import { appendAttendanceEntries } from './records.service.ts';

/**
 * A check-in written after the activity's record was submitted — a kiosk's offline queue uploaded
 * late — still puts the meeting in the attendee's electronic file, as submitting did for the
 * others. The engine tells which check-ins are late (checkin_write reads locked_at from the row it
 * updates, so a submission committing meanwhile is never missed: either its own scan of the
 * check-ins sees this one, or this one sees it locked). Entries of one turn are written together,
 * per activity, after the check-ins committed; a crash between the two loses the entry (the
 * check-in itself is stored).
 */
export function followLateAttendees(services: Services) {
  const pending = new Map<string, Written[]>();
  let scheduled = false;
  const flush = async () => {
    scheduled = false;
    const batch = [...pending];
    pending.clear();
    for (const [key, ws] of batch) {
      const [county, id] = key.split('|');
      try {
        const r = await systemActivityById(services.db, county, id);
        if (!r) continue;
        await services.db.transaction((tx) =>
          appendAttendanceEntries(tx, fileActor(null, 'checkin'), r, ws.map((w) => ({ memberId: w.memberId, affiliated: w.affiliated, channel: w.channel }))),
        );
      } catch (e) {
        services.log.error({ err: e, activityId: id, members: ws.length }, 'late attendees: file entries not written');
      }
    }
  };
  engineOf(services).written.on('checkin', (w: Written) => {
    if (!w.late) return;
    const key = `${w.countyCode}|${w.activityId}`;
    const ws = pending.get(key);
    if (ws) ws.push(w);
    else pending.set(key, [w]);
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => void flush());
    }
  });
}
