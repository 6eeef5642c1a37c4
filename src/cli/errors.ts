/** Errors the CLI turns into exit codes: a UsageError exits 2 (with the usage), a CliError exits 1 with its message. */
export class CliError extends Error {
  override name = 'CliError';
}

/** The command line itself is wrong: unknown command or option, missing argument, bad value. */
export class UsageError extends CliError {
  override name = 'UsageError';
}

/** The local stack (or AWS) answered, but not with what the command needed. */
export class SourceError extends CliError {
  override name = 'SourceError';
}
