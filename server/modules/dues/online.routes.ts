// Routes of online dues payment (docs/DUES.md "Online payment"), registered from the dues module.
import { AppError } from '../../core/errors/app-error.ts';
import type { ErrorCode } from '../../core/errors/messages.ts';
import type { App } from '../../core/module.ts';
import type { Services } from '../../core/services.ts';
import { simulatorProvider, simulatorSecret } from './online.provider.ts';
import { CallbackAnswerDto, CreatedOrderDto, CreateOrderBody, MyOnlineDto, OrderDto, OrderParams, SimParams } from './online.schemas.ts';
import { cancelOrder, createOrder, getOrder, handleCallback, myOnline, orderToPay } from './online.service.ts';

/** A member's own dues (the permission of /api/my/dues): members pay their own bills and those they pay by proxy. */
export const SELF_DUES = 'self.dues';
export const CALLBACK_URL = '/api/dues/online/callback';

/**
 * The routes of online payment. The provider is the simulator (the only adapter so far); its secret is
 * HONGYUN_PAY_SIM_SECRET or one generated for the process.
 */
export async function registerOnlineRoutes(app: App, services: Services) {
  const provider = simulatorProvider(simulatorSecret(services.config.paySimSecret));
  const tags = ['dues'];

  app.get(
    '/api/my/dues/online',
    { config: { access: SELF_DUES }, schema: { tags: ['my'], summary: 'What I may pay online (my open bills and those of members I pay for, within 补交) and my recent online orders', response: { 200: MyOnlineDto } } },
    (req) => myOnline(req.ctx, provider),
  );
  app.post(
    '/api/my/dues/online-orders',
    {
      config: { access: SELF_DUES },
      schema: { tags: ['my'], summary: 'Start an online payment of open bills (mine, or of a member I pay for by proxy): the order, its amount and where to pay (15 minutes)', body: CreateOrderBody, response: { 201: CreatedOrderDto } },
    },
    async (req, reply) => reply.status(201).send(await createOrder(req.ctx, provider, req.body)),
  );
  app.get(
    '/api/my/dues/online-orders/:id',
    { config: { access: SELF_DUES }, schema: { tags: ['my'], summary: 'An online order of mine and its state (a pending order past its expiry is expired)', params: OrderParams, response: { 200: OrderDto } } },
    (req) => getOrder(req.ctx, req.params.id),
  );
  app.post(
    '/api/dues/pay-sim/:orderId/confirm',
    {
      config: { access: SELF_DUES },
      schema: { tags, summary: 'Payment simulator (demo and tests): pay my pending order — the simulator signs a success notification and posts it to the callback route', params: SimParams, response: { 200: OrderDto } },
    },
    async (req) => {
      const o = await orderToPay(req.ctx, req.params.orderId);
      const cb = provider.buildCallback({ orderId: o.id, amountFen: o.amountFen, status: 'success' });
      const res = await app.inject({ method: 'POST', url: CALLBACK_URL, payload: cb.body, headers: cb.headers });
      if (res.statusCode !== 200) {
        const code = (res.json() as { error?: { code?: string } }).error?.code ?? 'CONFLICT';
        // A 401 of the callback (a signature the server refused: secrets differing between nodes) is not the
        // member's session: answered as 409 so the console does not log the member out.
        throw new AppError(res.statusCode === 401 ? 409 : res.statusCode, code as ErrorCode);
      }
      return getOrder(req.ctx, o.id);
    },
  );
  app.post(
    '/api/dues/pay-sim/:orderId/cancel',
    { config: { access: SELF_DUES }, schema: { tags, summary: 'Payment simulator: cancel my pending order (the payer closes the cashier)', params: SimParams, response: { 200: OrderDto } } },
    (req) => cancelOrder(req.ctx, req.params.orderId),
  );
  // The provider's notification: public (no session), verified by the adapter on the raw body, so this
  // scope keeps the body as received whatever its content type and parses nothing itself.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
      req.rawBody = body as string;
      done(null, body);
    });
    (scope as unknown as App).post(
      CALLBACK_URL,
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'The payment provider’s notification (signed; the simulator: HMAC-SHA256 of "timestamp\\nbody" in x-sim-signature, x-sim-timestamp within 300 s). Answers SUCCESS once stored; a replay changes nothing',
          response: { 200: CallbackAnswerDto },
        },
      },
      async (req) => {
        const r = await handleCallback(req.ctx, provider, req.rawBody ?? '', req.headers);
        if (r.outcome === 'amount_mismatch') throw new AppError(409, 'DUES_ONLINE_AMOUNT_MISMATCH', { amountFen: r.amountFen, orderAmountFen: r.order.amountFen });
        return { code: 'SUCCESS' as const, outcome: r.outcome, orderState: r.orderState, duplicate: r.duplicate };
      },
    );
  });
}
