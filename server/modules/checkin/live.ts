import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../core/access/context.ts';
import { notFound } from '../../core/errors/app-error.ts';
import type { Services } from '../../core/services.ts';
import { activitiesRepo, systemActivityById } from '../activities/activities.repo.ts';
import { computeAttendance } from '../activities/attendance.ts';
import { type Written, engineOf } from './engine.ts';

/** At most one attendance recomputation per activity this often, however many check-ins arrive. */
const THROTTLE_MS = 700;
const HEARTBEAT_MS = 15_000;

type Frame = Record<string, unknown>;
type Channel = { subscribers: Set<(f: Frame) => void>; timer: NodeJS.Timeout | null; last: Written | null; running: boolean; again: boolean };

/**
 * Live attendance (SSE): viewers of an activity share one channel; a check-in marks it dirty and
 * the attendance is recomputed at most every THROTTLE_MS and sent to every viewer (well within
 * 2 s of the check-in), with the latest check-in. No polling, no work for activities nobody watches.
 */
class LiveHub {
  private readonly channels = new Map<string, Channel>();

  constructor(private readonly services: Services) {
    engineOf(services).written.on('checkin', (w: Written) => this.poke(`${w.countyCode}|${w.activityId}`, w));
    services.events.on('activity.changed', (county, id) => this.poke(`${county}|${id}`, null));
  }

  subscribe(key: string, send: (f: Frame) => void) {
    let ch = this.channels.get(key);
    if (!ch) {
      ch = { subscribers: new Set(), timer: null, last: null, running: false, again: false };
      this.channels.set(key, ch);
    }
    ch.subscribers.add(send);
    return () => {
      ch.subscribers.delete(send);
      if (ch.subscribers.size === 0) {
        if (ch.timer) clearTimeout(ch.timer);
        this.channels.delete(key);
      }
    };
  }

  /** Sends the current figures to one new viewer. */
  async snapshot(key: string) {
    return this.frame(key, this.channels.get(key)?.last ?? null);
  }

  private poke(key: string, w: Written | null) {
    const ch = this.channels.get(key);
    if (!ch) return;
    if (w) ch.last = w;
    if (ch.timer || ch.running) {
      ch.again = ch.again || ch.running;
      return;
    }
    ch.timer = setTimeout(() => void this.broadcast(key), THROTTLE_MS);
  }

  private async broadcast(key: string) {
    const ch = this.channels.get(key);
    if (!ch) return;
    ch.timer = null;
    ch.running = true;
    try {
      const f = await this.frame(key, ch.last);
      for (const s of ch.subscribers) s(f);
    } catch (e) {
      this.services.log.warn({ err: e, key }, 'live attendance failed');
    } finally {
      ch.running = false;
      if (ch.again && this.channels.has(key)) {
        ch.again = false;
        ch.timer = setTimeout(() => void this.broadcast(key), THROTTLE_MS);
      }
    }
  }

  private async frame(key: string, last: Written | null): Promise<Frame> {
    const [county, id] = key.split('|');
    const r = await systemActivityById(this.services.db, county, id);
    if (!r) return { gone: true };
    const att = await computeAttendance(this.services.db, r);
    return {
      expected: att.expected,
      present: att.present,
      elsewhere: att.elsewhere,
      guests: att.guests,
      remote: att.remote,
      manual: att.manual,
      leave: att.leave,
      absent: att.absent,
      rate: att.rate,
      last: last ? { name: last.name, affiliated: last.affiliated, channel: last.channel, at: last.at.toISOString() } : null,
    };
  }
}

const hubs = new WeakMap<Services, LiveHub>();
const hubOf = (s: Services) => {
  let h = hubs.get(s);
  if (!h) {
    h = new LiveHub(s);
    hubs.set(s, h);
  }
  return h;
};

/** GET /api/activities/:id/live: an event stream of the activity's attendance. */
export async function liveAttendance(ctx: Ctx, id: string, req: FastifyRequest, reply: FastifyReply) {
  const r = await activitiesRepo(ctx, 'activity.read').byId(id);
  if (!r) throw notFound();
  const key = `${r.a.countyCode}|${r.a.id}`;
  const hub = hubOf(ctx.services);
  const first = await hub.snapshot(key);
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
    'x-accel-buffering': 'no',
  });
  const send = (f: Frame) => res.write(`event: attendance\ndata: ${JSON.stringify(f)}\n\n`);
  send(first);
  const unsubscribe = hub.subscribe(key, send);
  const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const end = () => {
    clearInterval(beat);
    unsubscribe();
  };
  req.raw.on('close', end);
  res.on('error', end);
}
