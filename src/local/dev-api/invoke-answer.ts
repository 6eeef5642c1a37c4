/**
 * What `POST /_local/functions/{logicalId}/invoke` answers: the wire contract that the dev API writes and the
 * `orders invoke` command and the console's invoke form read. Types only, so the browser bundle can share it.
 */
export interface InvokeAnswer {
  functionLogicalId: string;
  requestId: string;
  durationMs: number;
  /** The function's response, when it returned. */
  result?: unknown;
  /** The function's error, as Lambda reports it, when it threw. */
  error?: { errorType: string; errorMessage: string; trace?: string[] };
  /** That invocation's log lines: START, what the handler wrote, END and REPORT. */
  logs: string[];
  /** envVars the template does not declare for the function, which sam ignores too. */
  ignoredEnvVars?: string[];
}

/** A value of `envVars` (or of sam's `--env-vars` file): numbers and booleans are passed on as text. */
export type EnvVarValue = string | number | boolean;
