// 党费 endpoints (server/modules/dues): the quote of the dues engine (common/dues.ts) and the county's
// dues settings (the 农民 flat amount).
import type { DuesCategory, DuesQuote } from '../../../common/dues';
import { api } from './client';

export {
  DUES_CATEGORIES,
  DUES_RULES,
  FARMER_FLAT_FEN,
  INCOME_CATEGORIES,
  MINIMUM_CATEGORIES,
  formatFen,
  formatRateBp,
  isRatedCategory,
  parseYuanToFen,
  type DuesCategory,
  type DuesQuote,
  type DuesRule,
} from '../../../common/dues';

/** The permission of the calculator (every account that logs in). */
export const DUES_QUOTE_PERMISSION = 'dues.quote';

/** The county's dues settings. */
export type DuesSettings = { farmerFlatFen: number; editable: boolean };

/** POST /api/dues/quote: the monthly dues of a category and base (the base may be left out for flat categories). */
export const quoteDues = (input: { category: DuesCategory; baseFen?: number }) => api.post<DuesQuote>('/api/dues/quote', input);

/** GET /api/dues/settings. */
export const getDuesSettings = () => api.get<DuesSettings>('/api/dues/settings');

/** PUT /api/dues/settings (county administrators at the county root). */
export const updateDuesSettings = (input: { farmerFlatFen: number }) => api.put<DuesSettings>('/api/dues/settings', input);
