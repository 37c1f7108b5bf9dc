// Renders every failure in the contract's shape: `{error, message, details, timestamp, request_id}`, inside
// `{success:false, error}` on /api/v1. No stack and no secret ever reaches an answer.
import { ExchangeError } from '@exkit/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { GatewayApp } from './context.js';
import { ApiError, type ErrorBody } from './errors.js';

const UNAVAILABLE = new Set(['NetworkError', 'ExchangeUnavailableError', 'ClosedError', 'TimestampError', 'RateLimitError']);

export function fromExchangeError(e: ExchangeError): ApiError {
  const details = { exchange: e.exchange, error_class: e.name, native_code: e.code ?? null, retryable: e.retryable };
  if (e.name === 'BadSymbolError') return new ApiError('not_found', e.message, details);
  if (e.name === 'OrderNotFoundError') return new ApiError('not_found', e.message, details);
  if (e.name === 'InvalidArgumentError') return new ApiError('validation_error', e.message, details);
  return new ApiError('exchange_error', e.message, details, UNAVAILABLE.has(e.name) ? 503 : 400);
}

export function toApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    return new ApiError('validation_error', `invalid ${err.validationContext ?? 'request'}`, {
      issues: err.validation.map((v) => ({ path: v.instancePath, message: v.message })),
    });
  }
  if (err instanceof ExchangeError) return fromExchangeError(err);
  if (isResponseSerializationError(err)) return null;
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Malformed JSON, wrong content type, body too large…: the client's fault, said plainly.
    return new ApiError('validation_error', fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'body is not valid JSON' : (fe.message ?? 'bad request'), { code: fe.code ?? null });
  }
  return null;
}

export function errorBody(e: ApiError, request: FastifyRequest, now: number): ErrorBody & Record<string, unknown> {
  const base = { error: e.code, message: e.message, details: e.details, timestamp: new Date(now).toISOString(), request_id: String(request.id) };
  // The 429 body of seed 003 carries its figures at the top level too.
  if (e.code === 'rate_limit_exceeded' && e.details) return { ...base, retry_after: e.details['retry_after'], limit: e.details['limit'], reset: e.details['reset'] };
  return base;
}

export function isV1(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/v1/') || request.url === '/api/v1';
}

export function sendError(e: ApiError, request: FastifyRequest, reply: FastifyReply, now: number): FastifyReply {
  const body = errorBody(e, request, now);
  reply.code(e.statusCode).type('application/json; charset=utf-8');
  // Skip the route's response serializer: error bodies are not in its 2xx schema.
  return reply.serializer(JSON.stringify).send(isV1(request) ? { success: false, error: body, timestamp: body.timestamp } : body);
}

export function installErrorHandling(app: GatewayApp, now: () => number): void {
  app.setErrorHandler((err, request, reply) => {
    let e = toApiError(err);
    if (!e) {
      request.log.error({ err }, 'unhandled error');
      e = new ApiError('internal_error', 'internal error', null);
    } else if (e.statusCode >= 500) {
      request.log.warn({ code: e.code, msg: e.message }, 'request failed');
    }
    return sendError(e, request, reply, now());
  });
  app.setNotFoundHandler((request, reply) => sendError(new ApiError('not_found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`), request, reply, now()));
}
