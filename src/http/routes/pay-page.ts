import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { TestProvider } from '../../money/test-provider.js';
import type { App } from '../context.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const ACTIONS = {
  pay: 'Pay · Pagar',
  decline: 'Decline the card · Rechazar la tarjeta',
  'pay-late': 'Pay after the hold ended · Pagar tras expirar la reserva',
} as const;

/**
 * The built-in test provider's payment page (a server without
 * STRIPE_SECRET_KEY): what Stripe's hosted checkout is to a real account.
 * Its buttons make the provider pay, decline, or pay a session whose hold
 * already ended (the race a refund must catch); the events reach the app
 * through the signed webhook, and the buyer returns to the event's page.
 */
export function payPageRoutes(app: App, provider: TestProvider): void {
  app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    const Params = Type.Object({ sessionId: Type.String({ pattern: '^cs_test_[A-Za-z0-9]{1,64}$' }) });

    scope.get('/pay/:sessionId', { config: { access: 'public' }, schema: { hide: true, params: Params } }, async (request, reply) => {
      const session = provider.fake.get(request.params.sessionId);
      if (!session) return reply.code(404).type('text/plain').send('No such payment');
      const amount = (session.amount_total as number) / 100;
      const currency = String(session.currency).toUpperCase();
      const buttons = session.status === 'complete' ? '<p>Paid · Pagado</p>'
        : Object.entries(ACTIONS).map(([action, label]) =>
          `<form method="post" action="/pay/${escape(session.id)}/${action}"><button type="submit" name="go" value="1">${label}</button></form>`).join('');
      return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test payment · Pago de prueba</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}button{font-size:1.1rem;width:100%;padding:.8rem;margin:.3rem 0}</style>
</head><body><main>
<h1>Test payment · Pago de prueba</h1>
<p>No real money moves: this is the built-in test provider (set STRIPE_SECRET_KEY for Stripe).</p>
<p><strong>${amount.toFixed(2)} ${escape(currency)}</strong> · ${escape(String(session.customer_email ?? ''))} · status ${escape(String(session.status))}</p>
${buttons}
</main></body></html>`);
    });

    scope.post('/pay/:sessionId/:action', {
      config: { access: 'public' },
      schema: { hide: true, params: Type.Object({ sessionId: Params.properties.sessionId, action: Type.Enum(Object.keys(ACTIONS)) }) },
    }, async (request, reply) => {
      const session = provider.fake.get(request.params.sessionId);
      if (!session) return reply.code(404).type('text/plain').send('No such payment');
      try {
        if (request.params.action === 'decline') provider.fake.decline(session.id);
        else provider.fake.pay(session.id, { ignoreExpiry: request.params.action === 'pay-late' });
      } catch (error) {
        return reply.code(409).type('text/plain').send((error as Error).message);
      }
      await provider.settled();
      const back = request.params.action === 'decline' ? `/pay/${session.id}` : String(session.success_url);
      return reply.redirect(back, 303);
    });
  });
}
