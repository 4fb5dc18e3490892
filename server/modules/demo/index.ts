import { z } from 'zod';
import { ROLES } from '../../../common/roles.ts';
import { DEMO_PASSWORD, listDemoAccounts } from '../../bootstrap/demo.ts';
import { notFound } from '../../core/errors/app-error.ts';
import { defineModule } from '../../core/module.ts';

/** One demo account as the login page lists it. */
export const DemoAccountDto = z.object({
  /** What to type as the username: an account name, or the 18-digit ID number of a member account. */
  username: z.string(),
  /** admin (logs in with a name) or member (logs in with the ID number). */
  kind: z.enum(['admin', 'member']),
  /** The role of the account's grant (labels: the web's role.* strings). */
  role: z.enum(ROLES),
  /** The person or office, e.g. 县委组织部管理员, or the member's name. */
  displayName: z.string(),
  /** The organization the grant sits on. */
  orgName: z.string().nullable(),
});

/** The demo accounts of the demo county and their shared password. */
export const DemoAccountsDto = z.object({
  /** The password of every demo account. */
  password: z.string(),
  /** Administrators first (county.admin … auditor), then the two member accounts. Empty before the seed. */
  accounts: z.array(DemoAccountDto),
});

/**
 * GET /api/demo/accounts: the demo accounts for the login page, public in demo mode only (the people
 * are synthetic). In production mode the route answers 404 NOT_FOUND like any unknown path.
 */
export const demoModule = defineModule({
  name: 'demo',
  routes(app, services) {
    app.get(
      '/api/demo/accounts',
      {
        config: { access: 'public' },
        schema: { tags: ['system'], summary: 'Demo accounts (demo mode only)', response: { 200: DemoAccountsDto } },
      },
      async () => {
        if (services.config.mode !== 'demo') throw notFound();
        return { password: DEMO_PASSWORD, accounts: await listDemoAccounts(services) };
      },
    );
  },
});
