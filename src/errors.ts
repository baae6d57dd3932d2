/**
 * A mistake the user can fix (bad configuration, missing Java, wrong password, bad input file).
 * Shells print only its message, never a stack trace.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** A stable, machine-readable code, e.g. NEO4J_UNAUTHORIZED. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** The one line a shell shows for any error: the message of a UserError, a short note otherwise. */
export function describeError(error: unknown): string {
  if (isUserError(error)) return error.message;
  if (error instanceof Error) return `Unexpected error: ${error.message}`;
  return `Unexpected error: ${String(error)}`;
}
