/**
 * The local stack's own console output; `--quiet` keeps only warnings and errors. It is written outside any
 * invocation, so that the capture of the functions' output (logs/capture.ts) never takes it for a function's: it
 * may come from code that inherited a handler's scope (a state machine started by CreateOrder runs in CreateOrder's).
 */
import { outsideInvocation } from './lambda/invoke-store';

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
    if (!quiet) outsideInvocation(() => write(message));
  },
  warn: (message) => outsideInvocation(() => process.stderr.write(`${message}\n`)),
  lambda: (functionName, line) => {
    if (!quiet) outsideInvocation(() => write(`[${functionName}] ${line}`));
  },
});
