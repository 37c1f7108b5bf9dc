// The checked serializer the suite runs with fails any answer that differs from its response schema, which is
// what lets production serialize with plain JSON.stringify (src/http/serializer.ts).
import Fastify, { type FastifyInstance } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializerCompiler } from '../src/http/serializer.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

async function serve(validate: boolean): Promise<string> {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  apps.push(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(validate));
  const response = { 200: z.object({ last: z.string(), at: z.number() }) };
  // Handlers typed loosely on purpose: they stand for a handler that drifted from its schema.
  const answer = (body: unknown) => body as { last: string; at: number };
  app.get('/exact', { schema: { response } }, async () => answer({ at: 1, last: '1.5' }));
  app.get('/extra', { schema: { response } }, async () => answer({ last: '1.5', at: 1, apiSecret: 'leak' }));
  app.get('/wrong', { schema: { response } }, async () => answer({ last: 1.5, at: 1 }));
  return app.listen({ host: '127.0.0.1', port: 0 });
}

describe('response serializer', () => {
  it('checked: an exact answer passes; an extra field or a wrong type fails the request', async () => {
    const base = await serve(true);
    const ok = await fetch(`${base}/exact`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ last: '1.5', at: 1 });
    expect((await fetch(`${base}/extra`)).status).toBe(500);
    expect((await fetch(`${base}/wrong`)).status).toBe(500);
  });

  it('unchecked: the same JSON as the checked one for an exact answer', async () => {
    const base = await serve(false);
    expect(await (await fetch(`${base}/exact`)).json()).toEqual({ last: '1.5', at: 1 });
  });
});
