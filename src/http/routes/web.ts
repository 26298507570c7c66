import { existsSync } from 'node:fs';
import path from 'node:path';
import staticFiles from '@fastify/static';
import { PROJECT_ROOT } from '../../project-root.js';
import type { App } from '../context.js';

export const WEB_DIR = path.join(PROJECT_ROOT, 'dist/web');

/** The scanner (/scan/), the dashboard (/) and the public buy page (/e/{eventId}) and table page (/e/{eventId}/tables), built by Vite into dist/web. */
export async function webRoutes(app: App): Promise<void> {
  if (!existsSync(WEB_DIR)) {
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/plain').send('The web app is not built: run `npm run build:web` (npm start does it).'));
    return;
  }
  await app.register(staticFiles, { root: WEB_DIR, prefix: '/', index: ['index.html'] });
  // One page for every event: it reads the event id from its own address.
  app.get('/e/:eventId', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => reply.sendFile('buy/index.html'));
  app.get('/e/:eventId/tables', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => reply.sendFile('buy/index.html'));
}
