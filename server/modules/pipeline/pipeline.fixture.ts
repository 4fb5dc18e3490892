// Test fixture: people in the development pipeline at every target organization of the
// authorization matrix, and helpers for this module's tests. Not used by the application.
import { idCheckChar, parseIdNumber } from '../../../common/id-number.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Services } from '../../core/services.ts';
import type { Fixture, Target } from '../../test/fixture.ts';
import { TARGETS } from '../../test/matrix.ts';
import { idNumberColumns } from '../members/member-row.ts';
import { applicants } from './pipeline.tables.ts';

/** A valid ID number: region + birth date (YYYYMMDD) + 3-digit sequence + check character. */
export function pipelineIdNumber(seq: number, birth = '19900101', region = '330522'): string {
  const first17 = `${region}${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** A distinct valid ID number for each n (born in the 1990s), for routes called many times. */
export function idNumberForN(n: number): string {
  const d = new Date(Date.UTC(1990, 0, 1 + Math.floor(n / 1000)));
  return pipelineIdNumber(n, d.toISOString().slice(0, 10).replaceAll('-', ''));
}

/** Inserts an applicant directly (tests only); returns its id. */
export async function seedApplicant(
  services: Services,
  org: { countyCode: string; id: string },
  values: { name: string; idNumber: string } & Partial<typeof applicants.$inferInsert>,
) {
  const parsed = parseIdNumber(values.idNumber);
  if (!parsed.ok) throw new Error(`fixture ID number invalid: ${values.idNumber}`);
  const { idNumber: _id, ...rest } = values;
  const id = uuidv7();
  await services.db.insert(applicants).values({
    countyCode: org.countyCode, id, orgId: org.id, gender: parsed.value.gender, birthDate: parsed.value.birthDate, stage: 'applicant', appliedOn: '2025-01-10',
    ...idNumberColumns(services.keys, parsed.value.id), ...rest,
  });
  return id;
}

/** What the pipeline rows of the matrix need besides the fixture. */
export type PipelineMatrixData = { targetApplicant: Record<Target, string>; targetClosedApplicant: Record<Target, string> };

/**
 * At every target organization: an applicant (applied 2025-01-10, talk held 2025-01-20) and a
 * closed record. The matrix records the same talk again (no change) and asks for steps the rules
 * refuse (409 in scope, 404 outside), so no call changes what the next caller sees.
 */
export async function seedPipelineMatrix(services: Services, f: Fixture): Promise<PipelineMatrixData> {
  const targetApplicant = {} as Record<Target, string>;
  const targetClosedApplicant = {} as Record<Target, string>;
  for (const [i, t] of TARGETS.entries()) {
    const org = f.orgOf[t];
    targetApplicant[t] = await seedApplicant(services, org, { name: `目标申请人${t}`, idNumber: pipelineIdNumber(900 + i, '19950505'), talkedOn: '2025-01-20' });
    targetClosedApplicant[t] = await seedApplicant(services, org, { name: `已终止申请人${t}`, idNumber: pipelineIdNumber(950 + i, '19950505'), stage: 'closed', closedReason: '矩阵测试' });
  }
  return { targetApplicant, targetClosedApplicant };
}
