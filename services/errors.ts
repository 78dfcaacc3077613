/**
 * Typed domain errors. Every failure a user can cause has a stable code so the bot layer can
 * choose what to show (a kind message, the card with errors beside the fields) without ever
 * echoing an internal message or a stack.
 */
export const ErrorCodes = {
  VALIDATION: 'TAU-001',
  NOT_FOUND: 'TAU-002',
  FORBIDDEN: 'TAU-003',
  WRONG_STAGE: 'TAU-004',
  ALREADY_DONE: 'TAU-005',
  CONFLICT: 'TAU-006',
  DUPLICATE: 'TAU-007',
  UNAVAILABLE: 'TAU-008',
  CONFIG: 'TAU-009',
  IMPORT: 'TAU-010',
  DELIVERY: 'TAU-011',
  CONSENT_REQUIRED: 'TAU-012',
  CLOSED: 'TAU-013',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
export type ErrorKind = keyof typeof ErrorCodes;

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  constructor(
    readonly kind: ErrorKind,
    /** Safe to show to the user who caused it. */
    readonly userMessage: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${kind}: ${userMessage}`);
    this.name = 'DomainError';
    this.code = ErrorCodes[kind];
  }
}

export class ValidationError extends DomainError {
  constructor(
    readonly fieldErrors: FieldError[],
    userMessage = 'Some answers need attention.',
  ) {
    super('VALIDATION', userMessage, { fields: fieldErrors.map((e) => e.field) });
    this.name = 'ValidationError';
  }
}

/** The person who would have acted lacks the role the step needs at the application's site. */
export class ForbiddenError extends DomainError {
  constructor(userMessage: string, details: Record<string, unknown> = {}) {
    super('FORBIDDEN', userMessage, details);
    this.name = 'ForbiddenError';
  }
}

/** Somebody else (or this person, a moment ago) has already done the one-time thing. */
export class AlreadyDoneError extends DomainError {
  constructor(
    userMessage: string,
    readonly by: { name: string; at: Date } | undefined,
  ) {
    super('ALREADY_DONE', userMessage, by ? { by: by.name, at: by.at.toISOString() } : {});
    this.name = 'AlreadyDoneError';
  }
}

/** The database could not be reached: nothing was saved and the user should try again. */
export class UnavailableError extends DomainError {
  constructor(cause?: unknown) {
    super('UNAVAILABLE', 'Not saved: the records service is unavailable. Please try again in a moment.');
    this.name = 'UnavailableError';
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
