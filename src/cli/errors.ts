/** Errors the CLI turns into exit codes: a UsageError exits 2 (with the usage), a CliError exits 1 with its message. */
export class CliError extends Error {
  static readonly errorName: string = 'CliError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = (new.target as typeof CliError).errorName;
  }
}

/** The command line itself is wrong: unknown command or option, missing argument, bad value. */
export class UsageError extends CliError {
  static override readonly errorName = 'UsageError';
}

/** The local stack (or AWS) answered, but not with what the command needed. */
export class SourceError extends CliError {
  static override readonly errorName = 'SourceError';
}
