// Excel import endpoints (server/modules/imports): templates, uploads with progress, error workbooks.
import { api, toQueryString } from './client';

/** What is imported. */
export type ImportKind = 'members' | 'organizations';

/** all: nothing is written unless every row is valid; valid-only: the valid rows are written. */
export type ImportMode = 'all' | 'valid-only';

/** One problem of one row (row 0: the file as a whole). */
export type RowError = { row: number; column: string | null; field: string | null; code: string; message: string };

/** Where an import stands; poll until status is done. */
export type ImportStatus = {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  status: 'queued' | 'validating' | 'writing' | 'done';
  processed: number;
  total: number;
  percent: number;
  fileName: string | null;
  createdAt: string;
  finishedAt: string | null;
  result: {
    ok: boolean;
    total: number;
    valid: number;
    written: number;
    errorRows: number;
    errorCount: number;
    truncated: boolean;
    errors: RowError[];
  } | null;
};

/** The URL of a template (downloaded by a plain link). */
export const templateUrl = (kind: ImportKind) => `/api/imports/templates/${kind}.xlsx`;

/** The media type of an .xlsx upload (sent whatever the browser guessed; the server checks the content). */
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** POST /api/imports/:kind with the .xlsx as the body; answers at once, the import runs in the background. */
export const uploadImport = (kind: ImportKind, file: File, options: { mode: ImportMode; orgId?: string }) =>
  api.post<ImportStatus>(
    `/api/imports/${kind}${toQueryString({ ...options, fileName: file.name })}`,
    new Blob([file], { type: XLSX_TYPE }),
  );

/** GET /api/imports/:id. */
export const getImport = (id: string) => api.get<ImportStatus>(`/api/imports/${encodeURIComponent(id)}`);

/** The URL of the error workbook of a finished import. */
export const errorWorkbookUrl = (id: string, rows: 'all' | 'errors' = 'all') =>
  `/api/imports/${encodeURIComponent(id)}/errors.xlsx${toQueryString({ rows })}`;
