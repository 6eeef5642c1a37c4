/** The local stack's own console output; `--quiet` keeps only warnings and errors. */
export interface LocalLog {
  readonly quiet: boolean;
  info(message: string): void;
  warn(message: string): void;
  /** Lambda runtime lines (START/END/REPORT), prefixed with the function. */
  lambda(functionName: string, line: string): void;
}

export const createLog = (quiet: boolean, write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): LocalLog => ({
  quiet,
  info: (message) => {
    if (!quiet) write(message);
  },
  warn: (message) => process.stderr.write(`${message}\n`),
  lambda: (functionName, line) => {
    if (!quiet) write(`[${functionName}] ${line}`);
  },
});
