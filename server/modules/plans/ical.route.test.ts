import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../../common/calendar.ts';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { activities } from '../activities/activities.tables.ts';
import { addMember, addOrg, call, codeOf } from '../orgs/orgs.test-kit.ts';
import { seedActivity, seedItem, seedPlan } from './plans.fixture.ts';

let t: TestApp;
let f: Fixture;
let secretary: Session;
beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  secretary = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
});
afterAll(() => t.close());

const year = Number(todayIn().slice(0, 4));
const fetchFeed = (path: string) => t.app.inject({ method: 'GET', url: path });
/** Undoes RFC 5545 folding. */
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');
/** The lines of the VEVENT with a summary. */
function eventOf(lines: string[], summary: string) {
  const at = lines.indexOf(`SUMMARY:${summary}`);
  return lines.slice(lines.lastIndexOf('BEGIN:VEVENT', at), lines.indexOf('END:VEVENT', at) + 1);
}

describe('iCal feed of an organization', () => {
  it('serves the plan items and activities with public fields only, folded, escaped and in UTC; the token is stored only as a hash', async () => {
    const b = await addOrg(t.services, f.t1, '城北村党支部', 'branch', 'rural');
    const planId = await seedPlan(t.services, b, year);
    const longTitle = '学习贯彻党的二十届三中全会精神暨重温入党誓词、诵读党章；交纳党费和理论学习，过政治生日';
    await seedItem(t.services, b, planId, { type: 'theme_day', plannedOn: `${year}-12-15`, title: longTitle, note: '请张三准备材料' });
    const held = await seedActivity(t.services, b, { type: 'party_lecture', title: '专题党课', startsAt: new Date(`${year}-12-20T09:30:00+08:00`), place: '村委会二楼, 会议室' });
    await t.services.db.update(activities).set({ hostName: '张三', lecturer: '李四', agenda: '议程：陈述' }).where(eq(activities.id, held));
    await seedItem(t.services, b, planId, { type: 'party_lecture', plannedOn: `${year}-12-20`, title: '计划的党课', activityId: held });
    await seedActivity(t.services, b, { type: 'committee', title: '已取消的支委会', startsAt: new Date(`${year}-12-10T09:00:00+08:00`), state: 'cancelled' });
    await addMember(t.services, b, { name: '王五' });

    expect((await call(t, secretary, 'GET', `/api/plans/feed?orgId=${b.id}`)).json()).toEqual({ feed: null });
    const created = await call(t, secretary, 'POST', '/api/plans/feed', { orgId: b.id });
    expect(created.statusCode, created.body).toBe(201);
    const { token, path, feed } = created.json();
    expect(token).toMatch(/^hyc_[A-Za-z0-9_-]{43}$/);
    expect(path).toBe(`/api/ical/${token}.ics`);
    expect((await call(t, secretary, 'GET', `/api/plans/feed?orgId=${b.id}`)).json()).toEqual({ feed });

    // Anonymous: the token is the credential.
    const r = await fetchFeed(path);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = r.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const physical = text.split('\r\n');
    expect(physical.every((l) => Buffer.byteLength(l, 'utf8') <= 75 && !l.includes('\n'))).toBe(true);
    const lines = unfold(text).split('\r\n');
    expect(lines).toContain('X-WR-CALNAME:城北村党支部 组织生活计划');
    // The long title was folded and comes back whole, escaped.
    expect(lines).toContain(`SUMMARY:${longTitle.replace(/[,;]/g, (c) => `\\${c}`)}`);
    expect(lines).toContain(`DTSTART;VALUE=DATE:${year}1215`);
    // The activity in UTC, with its place; the planned item it came from is not listed twice.
    expect(lines).toContain(`DTSTART:${year}1220T013000Z`);
    expect(lines).toContain(`DTEND:${year}1220T033000Z`);
    expect(lines).toContain('LOCATION:村委会二楼\\, 会议室');
    expect(lines).toContain('CATEGORIES:党课');
    expect(lines.filter((l) => l.startsWith('SUMMARY:')).sort()).toEqual([`SUMMARY:${longTitle.replace(/[,;]/g, (c) => `\\${c}`)}`, 'SUMMARY:专题党课', 'SUMMARY:已取消的支委会'].sort());
    expect(text).not.toContain('计划的党课');
    expect(eventOf(lines, '专题党课')).toContain('STATUS:CONFIRMED');
    // A cancelled activity is sent as cancelled so subscribers drop it.
    expect(eventOf(lines, '已取消的支委会')).toContain('STATUS:CANCELLED');
    // No people and no member data.
    for (const secret of ['张三', '李四', '王五', '议程', '请张三']) expect(text).not.toContain(secret);

    // Only the SHA-256 of the token is stored; neither the table nor the audit trail holds it.
    const rows = await t.database.query<{ j: string }>('SELECT row_to_json(x)::text AS j FROM ical_feeds x');
    const { createHash } = await import('node:crypto');
    expect(rows.map((x) => x.j).join('\n')).toContain(createHash('sha256').update(token).digest('hex'));
    expect(rows.map((x) => x.j).join('\n')).not.toContain(token);
    const auditRows = await t.database.query<{ j: string }>('SELECT row_to_json(x)::text AS j FROM audit_log x');
    expect(auditRows.map((x) => x.j).join('\n')).not.toContain(token.slice(4));
  });

  it('answers 404 to unknown, malformed and revoked tokens; creating again rotates the token', async () => {
    const b = await addOrg(t.services, f.t1, '城南村党支部', 'branch', 'rural');
    const first = (await call(t, secretary, 'POST', '/api/plans/feed', { orgId: b.id })).json();
    expect((await fetchFeed(first.path)).statusCode).toBe(200);
    const second = (await call(t, secretary, 'POST', '/api/plans/feed', { orgId: b.id })).json();
    expect(second.token).not.toBe(first.token);
    expect((await fetchFeed(first.path)).statusCode).toBe(404);
    expect((await fetchFeed(second.path)).statusCode).toBe(200);

    const revoke = await call(t, secretary, 'DELETE', `/api/plans/feed/${second.feed.id}`);
    expect(revoke.statusCode).toBe(204);
    expect((await fetchFeed(second.path)).statusCode).toBe(404);
    expect((await call(t, secretary, 'GET', `/api/plans/feed?orgId=${b.id}`)).json()).toEqual({ feed: null });
    // Revoking again changes nothing.
    expect((await call(t, secretary, 'DELETE', `/api/plans/feed/${second.feed.id}`)).statusCode).toBe(204);

    const unknown = await fetchFeed(`/api/ical/hyc_${'A'.repeat(43)}.ics`);
    expect(unknown.statusCode).toBe(404);
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    for (const bad of ['/api/ical/x.ics', `/api/ical/${second.token}`, '/api/ical/..%2F..%2Fetc%2Fpasswd.ics']) expect((await fetchFeed(bad)).statusCode).toBe(404);
  });

  it('refuses feeds of organizations outside the scope, and to readers', async () => {
    expect((await call(t, secretary, 'POST', '/api/plans/feed', { orgId: f.b2.id })).statusCode).toBe(404);
    expect((await call(t, secretary, 'GET', `/api/plans/feed?orgId=${f.b2.id}`)).statusCode).toBe(404);
    const committee = await login(t, 'branch_committee', FIXTURE_PASSWORD);
    expect((await call(t, committee, 'POST', '/api/plans/feed', { orgId: f.b1.id })).statusCode).toBe(403);
    expect((await call(t, committee, 'GET', `/api/plans/feed?orgId=${f.b1.id}`)).statusCode).toBe(200);
  });
});
