import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { type Session, type TestApp, as } from '../../test/app.ts';
import { XLSX_TYPE } from './imports.schemas.ts';
import { MEMBER_HEADERS } from './test-workbook.ts';

// Test helpers of the import routes: upload, wait for the background work, read workbooks.

/** An import's status answer. */
export type Status = {
  id: string;
  status: string;
  percent: number;
  processed: number;
  total: number;
  result: { ok: boolean; total: number; valid: number; written: number; errorRows: number; errorCount: number; errors: { row: number; column: string | null; field: string | null; code: string; message: string }[] } | null;
};

/** POSTs a file to an import route. */
export const upload = (t: TestApp, s: Session, kind: string, body: Buffer | string, query = '', type = XLSX_TYPE) =>
  t.app.inject(as(s, { method: 'POST', url: `/api/imports/${kind}${query}`, payload: body, headers: { 'content-type': type } }));

/** Polls GET /api/imports/:id until the import is done. */
export async function waitDone(t: TestApp, s: Session, id: string): Promise<Status> {
  for (let i = 0; i < 3000; i++) {
    const res = await t.app.inject(as(s, { method: 'GET', url: `/api/imports/${id}` }));
    expect(res.statusCode).toBe(200);
    const body = res.json() as Status;
    if (body.status === 'done') return body;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`import ${id} did not finish`);
}

/** Uploads and waits: the final status. */
export async function importFile(t: TestApp, s: Session, kind: string, body: Buffer, query = ''): Promise<Status> {
  const res = await upload(t, s, kind, body, query);
  expect(res.statusCode, res.body).toBe(202);
  return waitDone(t, s, res.json().id);
}

/** A member row of the template from named values (unnamed columns empty). */
export function memberRow(v: Partial<Record<'name' | 'id' | 'gender' | 'ethnicity' | 'phone' | 'education' | 'occupation' | 'dues' | 'joined' | 'confirmed' | 'status' | 'org' | 'card' | 'address', unknown>>): unknown[] {
  const order = ['name', 'id', 'gender', 'ethnicity', 'phone', 'education', 'occupation', 'dues', 'joined', 'confirmed', 'status', 'org', 'card', 'address'] as const;
  expect(order.length).toBe(MEMBER_HEADERS.length);
  return order.map((k) => v[k] ?? null);
}

/** Loads an .xlsx answer. */
export async function loadXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** The rows of a sheet as arrays of plain cell texts (1-based columns dropped to 0-based). */
export function sheetRows(ws: ExcelJS.Worksheet): string[][] {
  const out: string[][] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => {
      cells[col - 1] = c.value === null || c.value === undefined ? '' : c.value instanceof Date ? c.value.toISOString().slice(0, 10) : String(c.value);
    });
    out.push(cells);
  });
  return out;
}
