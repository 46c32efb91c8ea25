/**
 * The closed set of error kinds (after Medusa's `MedusaError.Types`), mapped to HTTP in one
 * place: the error middleware. Codes are stable snake_case strings clients can switch on.
 */
export const ERROR_KINDS = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  locked: 423,
  too_many_requests: 429,
  internal: 500,
  upstream: 502,
  unavailable: 503,
} as const;

export type ErrorKind = keyof typeof ERROR_KINDS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_KINDS[kind];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** PostgreSQL SQLSTATE codes we turn into client errors rather than 500s. */
export function fromPgError(e: unknown): AppError | undefined {
  const code = (e as { code?: string })?.code;
  switch (code) {
    case '23505': return new AppError('conflict', 'already_exists', 'A record with the same key already exists.', { constraint: (e as { constraint?: string }).constraint });
    case '23503': return new AppError('unprocessable', 'reference_not_found', 'A referenced record does not exist.', { constraint: (e as { constraint?: string }).constraint });
    case '40001':
    case '40P01': return new AppError('conflict', 'concurrent_update', 'The record changed concurrently; retry.');
    default: return undefined;
  }
}
