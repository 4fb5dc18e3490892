import { type MatrixCase, allowed, scoped } from '../../test/matrix.ts';
import type { MatrixFixture } from '../../test/matrix.ts';
import type { Target } from '../../test/fixture.ts';
import { MEMBER_COLUMNS } from './columns.ts';
import { XLSX_TYPE } from './imports.schemas.ts';
import { rememberFinishedImport } from './store.ts';
import { MEMBER_HEADERS, ORG_HEADERS, xlsxOf } from './test-workbook.ts';

const MEMBER_IMPORTERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;
const ORG_IMPORTERS = ['county_admin', 'township_admin'] as const;

// Uploads whose one row is invalid: the call answers 202 and the import, run in the background,
// writes nothing, so the matrix leaves the fixture's tree and registry as they were.
const MEMBER_FILE = await xlsxOf(MEMBER_HEADERS, [['矩阵测试', '110105194912310020', null, '汉族', null, null, null, null, '2000-07-01', null, '正式党员', null, null, null]]);
const ORG_FILE = await xlsxOf(ORG_HEADERS, [['矩阵导入测试支部', null, '不存在的层级']], { sheetName: '组织信息' });

const upload = (kind: string, body: Buffer) => (f: MatrixFixture, t: Target) => ({
  method: 'POST' as const,
  url: `/api/imports/${kind}?orgId=${f.orgOf[t].id}`,
  payload: body,
  headers: { 'content-type': XLSX_TYPE },
});

/** A finished members import made by the plain account at the target organization, with one row error. */
const importAt = (f: MatrixFixture, t: Target) =>
  rememberFinishedImport({
    kind: 'members',
    mode: 'all',
    countyCode: f.orgOf[t].countyCode,
    ownerId: f.targetAccount[t],
    scope: [f.orgOf[t].path],
    fileName: 'matrix.xlsx',
    total: 1,
    sheet: { kind: 'members', sheetName: '党员信息', headerRow: 1, headers: ['姓名'], columns: [MEMBER_COLUMNS[0]], rows: [{ row: 2, cells: ['矩阵'] }] },
    result: { ok: false, total: 1, valid: 0, written: 0, errors: [{ row: 2, column: '身份证号', field: 'idNumber', code: 'required' }] },
  });

/** Holders of member.import over the import's scope see it; everyone else gets 404 (never 403: the id says nothing). */
const seeImport = { ...scoped([...MEMBER_IMPORTERS]), api_client: 403 };

/** Authorization matrix rows of the import routes. */
export const importsMatrix: MatrixCase[] = [
  { route: 'GET /api/imports/templates/members.xlsx', request: () => ({ method: 'GET', url: '/api/imports/templates/members.xlsx' }), expect: allowed([...MEMBER_IMPORTERS]), targets: ['own'] },
  { route: 'GET /api/imports/templates/organizations.xlsx', request: () => ({ method: 'GET', url: '/api/imports/templates/organizations.xlsx' }), expect: allowed([...ORG_IMPORTERS]), targets: ['own'] },
  // The default organization (?orgId) outside the import scope is refused like a missing one.
  { route: 'POST /api/imports/members', request: upload('members', MEMBER_FILE), expect: scoped([...MEMBER_IMPORTERS], 202) },
  { route: 'POST /api/imports/organizations', request: upload('organizations', ORG_FILE), expect: scoped([...ORG_IMPORTERS], 202) },
  { route: 'GET /api/imports/:id', request: (f, t) => ({ method: 'GET', url: `/api/imports/${importAt(f, t)}` }), expect: seeImport, otherwise: 404 },
  { route: 'GET /api/imports/:id/errors.xlsx', request: (f, t) => ({ method: 'GET', url: `/api/imports/${importAt(f, t)}/errors.xlsx` }), expect: seeImport, otherwise: 404 },
];
