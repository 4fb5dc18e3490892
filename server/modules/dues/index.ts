import { ROLES } from '../../../common/roles.ts';
import { defineModule } from '../../core/module.ts';
import { DuesSettingsBody, DuesSettingsDto, QuoteBody, QuoteDto } from './dues.schemas.ts';
import { getDuesSettings, quote, updateDuesSettings } from './dues.service.ts';

const tags = ['dues'];

/** Every account that logs in (API clients are not people and preview nothing). */
const EVERY_ACCOUNT = ROLES.filter((r) => r !== 'api_client');

/**
 * 党费 (DOMAIN §4): the dues engine of common/dues.ts behind a quote anyone logged in may ask for
 * (a member previews their own dues, a treasurer or secretary anyone's: the quote names no member and
 * reads nothing but the county's settings), and the county setting the engine takes (the 农民 flat
 * amount). Bills, payments, bank files and warnings build on this later (docs/DUES.md).
 */
export const duesModule = defineModule({
  name: 'dues',
  permissions: {
    'dues.quote': { description: 'Preview the monthly dues of a category and base (党费测算) and read the county’s dues settings', roles: EVERY_ACCOUNT },
    'dues.settings': { description: 'Change the county’s dues settings (a county administrator at the county root)', roles: ['county_admin'] },
  },
  routes(app) {
    app.post(
      '/api/dues/quote',
      {
        config: { access: 'dues.quote' },
        schema: { tags, summary: 'The monthly dues of a category and base (党费测算): amount in fen, rate in basis points, the rule applied', body: QuoteBody, response: { 200: QuoteDto } },
      },
      (req) => quote(req.ctx, req.body),
    );
    app.get(
      '/api/dues/settings',
      { config: { access: 'dues.quote' }, schema: { tags, summary: 'The county’s dues settings (the 农民 flat amount)', response: { 200: DuesSettingsDto } } },
      (req) => getDuesSettings(req.ctx),
    );
    app.put(
      '/api/dues/settings',
      { config: { access: 'dues.settings' }, schema: { tags, summary: 'Change the county’s dues settings (county administrators at the county root)', body: DuesSettingsBody, response: { 200: DuesSettingsDto } } },
      (req) => updateDuesSettings(req.ctx, req.body),
    );
  },
});
