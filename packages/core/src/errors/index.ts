export { ExchangeError, type ExchangeErrorJson, type ExchangeErrorOptions } from './exchange-error.js';
export * from './error-classes.js';
export { REDACTED, Redactor, isSensitiveName, preview } from './redact.js';
