// The contract's error codes and the typed error every handler throws; the error handler renders it.
export const ERROR_CODES = [
  'invalid_token',
  'invalid_credentials',
  'insufficient_permissions',
  'rate_limit_exceeded',
  'validation_error',
  'not_found',
  'system_unavailable',
  'configuration_error',
  'exchange_error',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const STATUS: Record<ErrorCode, number> = {
  invalid_token: 401,
  invalid_credentials: 401,
  insufficient_permissions: 403,
  rate_limit_exceeded: 429,
  validation_error: 400,
  not_found: 404,
  system_unavailable: 503,
  configuration_error: 400,
  exchange_error: 400,
  internal_error: 500,
};

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> | null = null,
    statusCode?: number,
  ) {
    super(message);
    this.statusCode = statusCode ?? STATUS[code];
  }
}

export interface ErrorBody {
  error: ErrorCode;
  message: string;
  details: Readonly<Record<string, unknown>> | null;
  timestamp: string;
  request_id: string;
}
