// /openapi.json (generated from the route schemas), Swagger UI at /docs and ReDoc at /redoc, all served
// from local files (no CDN).
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import swaggerUi from '@fastify/swagger-ui';
import { access } from '../http/access.js';
import type { GatewayApp } from '../http/context.js';

const require = createRequire(import.meta.url);
const REDOC_JS = require.resolve('redoc/bundles/redoc.standalone.js');

const REDOC_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>exkit gateway API</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="/openapi.json"></redoc><script src="/redoc/redoc.standalone.js"></script></body></html>`;

export async function docsRoutes(app: GatewayApp): Promise<void> {
  const open = { access: access('none', null, false) };
  app.get('/openapi.json', { config: open, schema: { hide: true } }, async () => app.swagger());
  app.get('/redoc', { config: open, schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(REDOC_PAGE));
  app.get('/redoc/redoc.standalone.js', { config: open, schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(createReadStream(REDOC_JS)),
  );
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: false } });
}
