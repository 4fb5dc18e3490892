// Helpers shared by this module's tests (not used by the application).
import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { type Session, type TestApp, as, cookiesOf, login } from '../../test/app.ts';

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

/** A JSON request as a session. */
export const call = (t: TestApp, s: Session | null, method: InjectOptions['method'], url: string, payload?: unknown) =>
  t.app.inject(as(s, payload === undefined ? { method, url } : { method, url, payload: payload as InjectOptions['payload'] }));

/** The error code of an answer. */
export const codeOf = (r: Res) => r.json().error?.code as string | undefined;
/** The field problems of an answer as "path:code". */
export const fieldsOf = (r: Res) => ((r.json().error?.fields ?? []) as { path: string; code: string }[]).map((f) => `${f.path}:${f.code}`);

/** Changes a session's password; returns the rotated session. */
export async function changePassword(t: TestApp, s: Session, current: string, next: string): Promise<Session> {
  const res = await call(t, s, 'POST', '/api/auth/password', { currentPassword: current, newPassword: next });
  expect(res.statusCode, res.body).toBe(200);
  const c = cookiesOf(res.headers['set-cookie']);
  return { cookie: Object.entries(c).map(([k, v]) => `${k}=${v}`).join('; '), csrf: c.hy_csrf ?? '', status: 200, body: res.json() };
}

/** Enables a member's login and logs in with the ID number, changing the one-time password. */
export async function memberSession(t: TestApp, admin: Session, memberId: string, idNumber: string, password = 'Member#Pass2026'): Promise<Session> {
  const res = await call(t, admin, 'POST', `/api/members/${memberId}/account`, {});
  expect(res.statusCode, res.body).toBe(201);
  const first = await login(t, idNumber, res.json().oneTimePassword);
  expect(first.status).toBe(200);
  return changePassword(t, first, res.json().oneTimePassword, password);
}

/** The cells of an exported workbook's first sheet, row by row. */
export async function sheetRows(payload: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

/** Every row of the member tables and the audit trail as JSON text (at-rest checks). */
export async function dumpMemberData(t: TestApp): Promise<string> {
  const out: string[] = [];
  for (const table of ['members', 'member_events', 'member_views', 'correction_requests', 'audit_log', 'accounts'])
    for (const r of await t.database.query<{ j: string }>(`SELECT row_to_json(x)::text AS j FROM "${table}" x`)) out.push(r.j);
  return out.join('\n');
}
