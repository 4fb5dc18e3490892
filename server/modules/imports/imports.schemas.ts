import { z } from 'zod';
import { IMPORT_KINDS } from './columns.ts';
import { IMPORT_MODES } from './types.ts';

/** The media type of an .xlsx upload (the request body is the file itself). */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Options of an upload. */
export const ImportQuery = z.strictObject({
  /** `all` (default): nothing is written unless every row is valid; `valid-only`: write the valid rows. */
  mode: z.enum(IMPORT_MODES).default('all'),
  /** Members: organization for rows whose 所在组织 is empty. Organizations: parent for rows whose 上级组织 is empty. Must be in the caller's scope (else 404). */
  orgId: z.uuid().optional(),
  /** The uploaded file's name, shown in the status and recorded in the audit row. */
  fileName: z.string().trim().min(1).max(255).optional(),
});

/** Path parameter: an import id. */
export const ImportIdParams = z.strictObject({ id: z.uuid() });

/** Which rows the error workbook holds. */
export const ErrorsQuery = z.strictObject({
  /** `all` (default): every uploaded row, errors highlighted; `errors`: only the rows with errors (with their original row numbers). */
  rows: z.enum(['all', 'errors']).default('all'),
});

/** One problem of one row. */
export const RowErrorDto = z.object({
  /** Excel row number (0: the import as a whole). */
  row: z.number().int(),
  /** Column header (short form, e.g. 身份证号), or null. */
  column: z.string().nullable(),
  /** Field key (e.g. idNumber), or null. */
  field: z.string().nullable(),
  /** Stable code, e.g. ID_NUMBER_CHECK_DIGIT, ORG_OUT_OF_SCOPE, IMPORT_DUPLICATE_IN_FILE. */
  code: z.string(),
  /** The reason in the caller's language. */
  message: z.string(),
});

/** Where an import stands; poll GET /api/imports/:id until `status` is `done`. */
export const ImportStatusDto = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  mode: z.enum(IMPORT_MODES),
  /** queued → validating → writing (only when something is written) → done. */
  status: z.enum(['queued', 'validating', 'writing', 'done']),
  /** Rows handled in the current phase, of `total`. */
  processed: z.number().int(),
  total: z.number().int(),
  /** One progress bar, 0–100 (validating 0–60, writing 60–100). */
  percent: z.number().int(),
  fileName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Set once done. `ok`: every row valid and written. `written`: rows written (0 when rejected). */
  result: z
    .object({
      ok: z.boolean(),
      total: z.number().int(),
      valid: z.number().int(),
      written: z.number().int(),
      errorRows: z.number().int(),
      errorCount: z.number().int(),
      /** True when more than 1,000 errors: the error workbook has them all. */
      truncated: z.boolean(),
      errors: z.array(RowErrorDto),
    })
    .nullable(),
});
