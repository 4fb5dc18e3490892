import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { DUES_CATEGORIES, FARMER_FLAT_FEN, MAX_BASE_FEN, isDuesCategory, isFarmerFlatFen, isRatedCategory, quoteDues } from '../../../common/dues.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError } from '../../core/errors/app-error.ts';
import type { ErrorCode } from '../../core/errors/messages.ts';
import type { Tx } from '../../core/services.ts';
import { systemOrgs } from '../orgs/orgs.repo.ts';
import { DUES_WARNING_DEFAULTS, type DuesSettingsBody, type QuoteBody } from './dues.schemas.ts';
import { duesSettings } from './dues.tables.ts';

/** The county's dues settings (the defaults of common/dues.ts when none are stored). */
export async function duesSettingsOf(tx: Tx, countyCode: string) {
  const [s] = await tx.select().from(duesSettings).where(eq(duesSettings.countyCode, countyCode));
  return {
    farmerFlatFen: s && isFarmerFlatFen(s.farmerFlatFen) ? s.farmerFlatFen : FARMER_FLAT_FEN.default,
    warnDay: s?.warnDay ?? DUES_WARNING_DEFAULTS.warnDay,
    warnShareBp: s?.warnShareBp ?? DUES_WARNING_DEFAULTS.warnShareBp,
    remitShareBp: s?.remitShareBp ?? DUES_WARNING_DEFAULTS.remitShareBp,
  };
}
export type DuesSettings = Awaited<ReturnType<typeof duesSettingsOf>>;

/** True when the caller may change the county settings: dues.settings over the county root. */
async function canEditSettings(ctx: Ctx, tx: Tx) {
  const root = await systemOrgs.root(tx, ctx.actor?.countyCode ?? '');
  return !!root && ctx.inScope('dues.settings', root.path);
}

/** The county's dues settings and whether the caller may change them. */
export async function getDuesSettings(ctx: Ctx) {
  const db = ctx.services.db;
  return { ...(await duesSettingsOf(db, ctx.actor?.countyCode ?? '')), editable: await canEditSettings(ctx, db) };
}

/** Changes the county's dues settings (county administrators at the county root only), audited. */
export async function updateDuesSettings(ctx: Ctx, body: z.infer<typeof DuesSettingsBody>) {
  const county = ctx.actor?.countyCode ?? '';
  await ctx.services.db.transaction(async (tx) => {
    if (!(await canEditSettings(ctx, tx))) throw new AppError(403, 'DUES_SETTINGS_COUNTY_ONLY');
    const before = await duesSettingsOf(tx, county);
    const values = { ...before, ...body, updatedBy: ctx.actor?.accountId ?? null, updatedAt: new Date() };
    await tx.insert(duesSettings).values({ countyCode: county, ...values }).onConflictDoUpdate({ target: duesSettings.countyCode, set: values });
    await audit(ctx, tx, { action: 'dues.settings', result: 'success', objectType: 'dues_settings', objectId: county, detail: { before, after: body } });
  });
  return getDuesSettings(ctx);
}

/** A 400 naming one body field, with the same code on the field. */
const invalid = (field: 'category' | 'baseFen', code: ErrorCode, params: Record<string, unknown> = {}) =>
  new AppError(400, code, params, [{ path: `body.${field}`, code, params }]);

/** Checks a quote request's values; returns the engine's input or throws a 400 naming the field. */
export function quoteInput(body: z.infer<typeof QuoteBody>) {
  const { category, baseFen } = body;
  if (!isDuesCategory(category)) throw invalid('category', 'DUES_CATEGORY_UNKNOWN', { allowed: DUES_CATEGORIES.join(', ') });
  if (baseFen === undefined) {
    if (isRatedCategory(category)) throw invalid('baseFen', 'DUES_BASE_REQUIRED');
    return { category, baseFen: 0 };
  }
  if (baseFen < 0) throw invalid('baseFen', 'DUES_BASE_NEGATIVE');
  if (!Number.isInteger(baseFen)) throw invalid('baseFen', 'DUES_BASE_NOT_INTEGER');
  if (baseFen > MAX_BASE_FEN) throw invalid('baseFen', 'DUES_BASE_TOO_LARGE', { max: MAX_BASE_FEN });
  return { category, baseFen };
}

/** The monthly dues of a category and base (a preview; nothing is stored), with the caller's county's farmer amount. */
export async function quote(ctx: Ctx, body: z.infer<typeof QuoteBody>) {
  const input = quoteInput(body);
  const farmerFlatFen = input.category === 'farmer' ? (await duesSettingsOf(ctx.services.db, ctx.actor?.countyCode ?? '')).farmerFlatFen : undefined;
  return quoteDues({ ...input, farmerFlatFen });
}
