import { z } from 'zod';
import { DUES_CATEGORIES, DUES_RULES, FARMER_FLAT_FEN } from '../../../common/dues.ts';

/**
 * A quote request. The types are checked here; the values (a known category, a base that is a
 * non-negative integer) are checked by the service, which answers with a code naming the field.
 */
export const QuoteBody = z.strictObject({
  /** The dues category: one of DOMAIN §4's codes (employed, annual_salary, self_employed, retired, farmer, student, unemployed, relief, subsistence). */
  category: z.string().max(100).describe(`One of: ${DUES_CATEGORIES.join(', ')}`),
  /** The monthly base in 分 (an integer, 0 or more). Required except for the flat categories, which ignore it. */
  baseFen: z.number().optional().describe('The monthly base in fen (integer ≥ 0); required except for the flat categories (farmer, student, unemployed, relief, subsistence), which ignore it'),
});

/** A quote: the monthly amount, the rate and the rule applied. */
export const QuoteDto = z.object({
  /** The monthly amount in 分, rounded half up to the 分. */
  amountFen: z.number().int(),
  /** The rate in basis points (50 = 0.5 %); null for a flat amount. */
  rateBp: z.number().int().nullable(),
  /** The rule applied, a stable code (one per bracket). */
  rule: z.enum(DUES_RULES),
});

/** The county's dues settings. */
export const DuesSettingsDto = z.object({
  /** The monthly amount of 农民 members in 分 (20–100). */
  farmerFlatFen: z.number().int(),
  /** Early warning: an organization whose paid share is below warnShareBp (basis points) by day warnDay of the month is listed. */
  warnDay: z.number().int(),
  warnShareBp: z.number().int(),
  /** The share of the year's regular dues remitted to the level above (basis points; 500 = 5 %). */
  remitShareBp: z.number().int(),
  /** The caller may change them (a county administrator at the county root). */
  editable: z.boolean(),
});

/** New county dues settings. */
export const DuesSettingsBody = z
  .strictObject({
    /** The monthly amount of 农民 members in 分: 20–100 (0.2–1 元). */
    farmerFlatFen: z.number().int().min(FARMER_FLAT_FEN.min).max(FARMER_FLAT_FEN.max).optional(),
    /** The day of the month (1–28) from which organizations below the paid share are warned. */
    warnDay: z.number().int().min(1).max(28).optional(),
    /** The paid share (basis points, 0–10000) an organization should have reached by warnDay. */
    warnShareBp: z.number().int().min(0).max(10_000).optional(),
    /** The share of the year's regular dues remitted upward (basis points, 0–10000). */
    remitShareBp: z.number().int().min(0).max(10_000).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one setting' });

/** The defaults of the monitoring settings (0017_dues_monitoring.sql). */
export const DUES_WARNING_DEFAULTS = { warnDay: 20, warnShareBp: 8000, remitShareBp: 500 } as const;
