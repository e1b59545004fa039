/**
 * An error the user can act on (missing schemas, unreadable file, bad option). The CLI prints its
 * Portuguese message, never a stack trace, and exits with code 2.
 */
export class TissError extends Error {
  readonly exitCode = 2;

  constructor(
    message: string,
    /** What to do about it, in Portuguese. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'TissError';
  }
}
