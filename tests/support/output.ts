/**
 * Captures what the handlers print. Powertools Logger and Metrics write through their own `Console` bound to
 * process.stdout/stderr, so spying on the streams' `write` sees every log line and EMF blob (and keeps them
 * out of the test output).
 */
export interface CapturedOutput {
  /** Everything written so far, stdout and stderr interleaved. */
  text(): string;
  /** The JSON log lines (EMF metric blobs included). */
  records(): Record<string, unknown>[];
  restore(): void;
}

export const captureOutput = (): CapturedOutput => {
  const chunks: string[] = [];
  const record = (chunk: unknown): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(record);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(record);
  const text = () => chunks.join('');
  return {
    text,
    records: () =>
      text()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => {
      stdout.mockRestore();
      stderr.mockRestore();
    },
  };
};

/** The application log lines (not the EMF metric blobs), for asserting on messages. */
export const logLines = (output: CapturedOutput): Record<string, unknown>[] => output.records().filter((r) => !('_aws' in r));
