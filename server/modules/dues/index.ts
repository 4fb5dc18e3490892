import multipart from '@fastify/multipart';
import { registerMonitoringRoutes } from './monitoring.routes.ts';
import { registerWarningJobs } from './warnings.ts';
import { registerLapseReview } from './lapse.ts';
import { z } from 'zod';
import { ROLES, SEPARATED_ROLES } from '../../../common/roles.ts';
import { PageQuery, limitOffset, pageOf } from '../../core/http/pagination.ts';
import { type App, defineModule } from '../../core/module.ts';
import { BankFileListDto, BankFileParams, BankReportDto, BankReportQuery } from './bank-file.schemas.ts';
import { DUES_BANK, exportReport, getReport, importBankFile, listBankFiles } from './bank-file.service.ts';
import { PaymentBody, PaymentDto, PaymentListQuery, PaymentPageDto, PaymentParams, PaymentResultDto, ReversalBody } from './payments.schemas.ts';
import { DUES_PAY, enterPayment, listPayments, myPayments, reversePayment } from './payments.service.ts';
import { registerDuesJobs } from './bills.ts';
import { registerOnlineRoutes } from './online.routes.ts';
import { REDUCTION_PERMISSIONS, registerReductionRoutes } from './reductions.routes.ts';
import { BillFilter, BillListQuery, BillPageDto, MyDuesDto, MyDuesQuery } from './bills.schemas.ts';
import { exportBills, listBills, myDues } from './bills.service.ts';
import { DuesSettingsBody, DuesSettingsDto, QuoteBody, QuoteDto } from './dues.schemas.ts';
import { getDuesSettings, quote, updateDuesSettings } from './dues.service.ts';
import {
  BaseHistoryItemDto, MemberParams, NewBaseBody, NewBaseDto, ProfileBody, ProfileDto, ReassessmentItemDto, ReassessmentQuery,
} from './profiles.schemas.ts';
import { DUES_EXPORT, DUES_PROFILE, DUES_READ, addBase, baseHistory, exportReassessment, getProfile, reassessmentList, updateProfile } from './profiles.service.ts';

const tags = ['dues'];

// Accepting a 自行脱党 review to-do (opened by the warnings) is carried out by dues (lapse.ts).
registerLapseReview();

/** The bank-file upload, in its own scope: only this route parses multipart/form-data. */
async function bankUploadRoute(app: App) {
  await app.register(multipart, { throwFileSizeLimit: true });
  app.post(
    '/api/dues/bank-files',
    {
      config: { access: DUES_BANK },
      schema: {
        tags,
        summary: 'Import a bank deduction result file (银费通: CSV in UTF-8 or GBK, or .xlsx; multipart field "file") and reconcile it line by line; answers the stored report',
        response: { 201: BankReportDto },
      },
    },
    async (req, reply) => reply.status(201).send(await importBankFile(req.ctx, req)),
  );
}

/** Every account that logs in (API clients are not people and preview nothing). */
/**
 * Everyone who deals with dues: members, the branch and the administrators of the tree. Not the
 * system, security and audit administrators (三员分立: they reach only their own work; the audit
 * administrator answers 403 on every write route) nor API clients.
 */
const EVERY_ACCOUNT = ROLES.filter((r) => r !== 'api_client' && !SEPARATED_ROLES.includes(r));
/** Branch secretaries and the administrators above them change profiles and export. */
const WRITERS = ['county_admin', 'township_admin', 'branch_secretary'] as const;

/**
 * 党费 (DOMAIN §4): the dues engine of common/dues.ts behind a quote anyone logged in may ask for
 * (a member previews their own dues, a treasurer or secretary anyone's: the quote names no member and
 * reads nothing but the county's settings), and the county setting the engine takes (the 农民 flat
 * amount). Dues profiles (the category of the member record, the base history, the proxy payer),
 * the yearly reassessment list, the monthly bills (a job on the 1st, `hongyun dues bills`) with the
 * scoped month list and the member's own dues. Payments, bank files and warnings come later
 * (docs/DUES.md).
 */
export const duesModule = defineModule({
  name: 'dues',
  permissions: {
    'dues.quote': { description: 'Preview the monthly dues of a category and base (党费测算) and read the county’s dues settings', roles: EVERY_ACCOUNT },
    'dues.settings': { description: 'Change the county’s dues settings (a county administrator at the county root)', roles: ['county_admin'] },
    [DUES_READ]: { description: 'See dues profiles, base histories, the reassessment list and the monthly bills in scope', roles: [...WRITERS, 'branch_committee'] },
    [DUES_PROFILE]: { description: 'Change members’ dues category and proxy payer, add a base, in scope', roles: [...WRITERS] },
    [DUES_PAY]: { description: 'Enter dues payments (cash, transfer; 补交, voluntary) and reversing entries, in scope', roles: [...WRITERS, 'branch_committee'] },
    [DUES_BANK]: { description: 'Import bank deduction files (银费通) and read their reconciliation reports, in scope', roles: [...WRITERS] },
    [DUES_EXPORT]: { description: 'Export dues lists in scope (watermarked, audited)', roles: [...WRITERS] },
    'self.dues': { description: 'A member’s own dues: what is due and the history', roles: ['member'] },
    ...REDUCTION_PERMISSIONS,
  },
  async routes(app, services) {
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
    app.get(
      '/api/dues/profiles/:memberId',
      { config: { access: DUES_READ }, schema: { tags, summary: 'A member’s dues profile: category, current base, this month’s amount, proxy payer', params: MemberParams, response: { 200: ProfileDto } } },
      (req) => getProfile(req.ctx, req.params.memberId),
    );
    app.put(
      '/api/dues/profiles/:memberId',
      {
        config: { access: DUES_PROFILE },
        schema: { tags, summary: 'Set a member’s dues category (on the member record) and proxy payer (代缴, with the branch’s consent)', params: MemberParams, body: ProfileBody, response: { 200: ProfileDto } },
      },
      (req) => updateProfile(req.ctx, req.params.memberId, req.body),
    );
    app.get(
      '/api/dues/profiles/:memberId/bases',
      { config: { access: DUES_READ }, schema: { tags, summary: 'A member’s base history, the latest effective month first', params: MemberParams, querystring: PageQuery, response: { 200: pageOf(BaseHistoryItemDto) } } },
      (req) => baseHistory(req.ctx, req.params.memberId, limitOffset(req.query)),
    );
    app.post(
      '/api/dues/profiles/:memberId/bases',
      { config: { access: DUES_PROFILE }, schema: { tags, summary: 'A new base from the month the new pay starts (re-quotes the open bills from then on)', params: MemberParams, body: NewBaseBody, response: { 201: NewBaseDto } } },
      async (req, reply) => reply.status(201).send(await addBase(req.ctx, req.params.memberId, req.body)),
    );
    app.get(
      '/api/dues/reassessment',
      { config: { access: DUES_READ }, schema: { tags, summary: 'Members whose base is missing or 12 months old or more (yearly reassessment), by organization', querystring: ReassessmentQuery, response: { 200: pageOf(ReassessmentItemDto) } } },
      (req) => reassessmentList(req.ctx, { orgId: req.query.orgId, ...limitOffset(req.query) }),
    );
    app.get(
      '/api/dues/reassessment/export',
      { config: { access: DUES_EXPORT }, schema: { tags, summary: 'Export the reassessment list to Excel', querystring: ReassessmentQuery.pick({ orgId: true }) } },
      (req, reply) => exportReassessment(req.ctx, reply, req.query),
    );
    app.get(
      '/api/dues/bills',
      { config: { access: DUES_READ }, schema: { tags, summary: 'A month’s bills in scope (a branch’s month table with includeSubtree=false) with the totals 应交 / 实交', querystring: BillListQuery, response: { 200: BillPageDto } } },
      (req) => listBills(req.ctx, req.query),
    );
    app.get(
      '/api/dues/bills/export',
      { config: { access: DUES_EXPORT }, schema: { tags, summary: 'Export a month’s bills to Excel', querystring: BillFilter } },
      (req, reply) => exportBills(req.ctx, reply, req.query),
    );
    app.get(
      '/api/my/dues',
      {
        config: { access: 'self.dues' },
        schema: { tags: ['my'], summary: 'My dues: this month’s amount, what is still due, my bills and my payments', querystring: MyDuesQuery, response: { 200: MyDuesDto.extend({ payments: z.array(PaymentDto) }) } },
      },
      async (req) => ({ ...(await myDues(req.ctx, req.query)), payments: await myPayments(req.ctx) }),
    );
    app.post(
      '/api/dues/payments',
      { config: { access: DUES_PAY }, schema: { tags, summary: 'Enter a payment (cash or transfer) for months of a member’s bills (补交 ≤ 6 months) and/or a voluntary amount, with a receipt number', body: PaymentBody, response: { 201: PaymentResultDto } } },
      async (req, reply) => reply.status(201).send(await enterPayment(req.ctx, req.body)),
    );
    app.get(
      '/api/dues/payments',
      { config: { access: DUES_PAY }, schema: { tags, summary: 'A member’s payments, newest first', querystring: PaymentListQuery, response: { 200: PaymentPageDto } } },
      (req) => listPayments(req.ctx, req.query),
    );
    app.post(
      '/api/dues/payments/:id/reversal',
      { config: { access: DUES_PAY }, schema: { tags, summary: 'Reverse a payment (a reversing entry with a reason; payments are never edited)', params: PaymentParams, body: ReversalBody, response: { 201: PaymentResultDto } } },
      async (req, reply) => reply.status(201).send(await reversePayment(req.ctx, req.params.id, req.body)),
    );
    await app.register(async (scope) => bankUploadRoute(scope as unknown as App));
    app.get(
      '/api/dues/bank-files',
      { config: { access: DUES_BANK }, schema: { tags, summary: 'Imported bank files, newest first', querystring: PageQuery, response: { 200: BankFileListDto } } },
      (req) => listBankFiles(req.ctx, limitOffset(req.query)),
    );
    app.get(
      '/api/dues/bank-files/:id',
      { config: { access: DUES_BANK }, schema: { tags, summary: 'The reconciliation report of a bank file and a page of its lines', params: BankFileParams, querystring: BankReportQuery, response: { 200: BankReportDto } } },
      (req) => getReport(req.ctx, req.params.id, req.query),
    );
    app.get(
      '/api/dues/bank-files/:id/export',
      { config: { access: DUES_BANK }, schema: { tags, summary: 'Export the reconciliation report of a bank file to Excel', params: BankFileParams, querystring: BankReportQuery.pick({ outcome: true }) } },
      (req, reply) => exportReport(req.ctx, reply, req.params.id, req.query),
    );
    await registerReductionRoutes(app);
    registerMonitoringRoutes(app);
    await registerOnlineRoutes(app, services);
  },
  jobs: (services) => {
    registerDuesJobs(services);
    registerWarningJobs(services);
  },
});
