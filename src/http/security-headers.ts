import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The headers of API.md ("Every response") on every response, by helmet:
 * nosniff, no referrer, and a Content-Security-Policy that lets the built
 * web app load only from this origin and never be framed (clickjacking).
 * blob: images are the QR codes the apps fetch with their token and show as
 * object URLs. No upgrade-insecure-requests: TLS is the proxy's job, and it
 * would break plain-HTTP installs on a LAN.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'object-src': ["'none'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    // HSTS belongs to whoever terminates TLS; sent over plain HTTP it is ignored anyway.
    strictTransportSecurity: false,
  });

  // Tokens and codes must not sit in a browser's or a proxy's cache: no API answer is cacheable.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/v1/')) reply.header('cache-control', 'no-store');
  });
}
