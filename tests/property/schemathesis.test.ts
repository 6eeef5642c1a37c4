/**
 * schemathesis, an outside API fuzzer, against the local stack from the project's own OpenAPI description
 * (docs/openapi.json, generated from template.yaml and the request schema; the stack serves it at
 * GET /_local/openapi.json). Checks: no server error, every status code documented, every body and content type as
 * documented. Fixed seed and a fixed number of cases per operation, so a run is repeatable and stays well under two
 * minutes; the counts of generated cases are printed.
 *
 * schemathesis comes from requirements-dev.txt, installed into .venv by scripts/python-env.sh. Without Python (or
 * when the install fails) the test is skipped with the reason, except under CI=true, where that is a failure.
 */
import '../../src/shared/silence-handlers';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestStack, type StackClient } from '../support/local-stack';

const ROOT = join(__dirname, '..', '..');
const SEED = 20261206;
const EXAMPLES_PER_OPERATION = 60;
const CHECKS = ['not_a_server_error', 'status_code_conformance', 'response_schema_conformance', 'content_type_conformance'];
/** A hard stop for a hung run (CI's budget); the case count above is what bounds a normal one (about 25 s alone). */
const RUN_TIMEOUT_MS = 120_000;

/** The venv's bin directory with schemathesis, or why there is none. Resolved while jest collects this file. */
const findSchemathesis = (): { bin: string } | { missing: string } => {
  const venv = spawnSync('bash', [join(ROOT, 'scripts', 'python-env.sh')], { cwd: ROOT, encoding: 'utf8' });
  if (venv.status !== 0) return { missing: `scripts/python-env.sh failed (${venv.status}): ${(venv.stderr ?? '').trim().split('\n').slice(-3).join(' ')}` };
  const bin = join(venv.stdout.trim().split('\n').at(-1) ?? '', 'schemathesis');
  return existsSync(bin) ? { bin } : { missing: `${bin} not found after installing requirements-dev.txt` };
};

const found = findSchemathesis();
const missing = 'missing' in found ? found.missing : undefined;
const TITLE = `schemathesis (seed ${SEED}, ${EXAMPLES_PER_OPERATION} cases per operation): 0 server errors, 0 undocumented status codes, bodies as documented`;

if (missing && process.env.CI !== 'true') process.stderr.write(`\nSKIPPED ${TITLE}: ${missing}. Install Python 3.9+ and re-run.\n`);

const run = (bin: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });

describe('the REST API under schemathesis', () => {
  let c: StackClient;
  let scratch: string;
  beforeAll(async () => {
    c = await startTestStack();
    scratch = mkdtempSync(join(tmpdir(), 'schemathesis-'));
  });
  afterAll(async () => {
    await c.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('the stack serves the committed description, with itself as the server', async () => {
    const served = await c.console<Record<string, unknown>>('openapi.json');
    const committed = JSON.parse(readFileSync(join(ROOT, 'docs', 'openapi.json'), 'utf8')) as Record<string, unknown>;

    expect(served).toEqual({ ...committed, servers: [{ url: '/' }] });
  });

  if (missing && process.env.CI === 'true') {
    test(TITLE, () => {
      throw new Error(`schemathesis is required under CI=true: ${missing}`);
    });
    return;
  }

  (missing ? test.skip : test)(missing ? `${TITLE} — SKIPPED: ${missing}` : TITLE, async () => {
    const bin = (found as { bin: string }).bin;
    const { code, output } = await run(
      bin,
      [
        'run',
        `${c.url}/_local/openapi.json`,
        '--url',
        c.url,
        '--header',
        `x-api-key: ${c.stack.apiKey}`,
        '--checks',
        CHECKS.join(','),
        '--seed',
        String(SEED),
        '--max-examples',
        String(EXAMPLES_PER_OPERATION),
        '--phases',
        'examples,coverage,fuzzing',
        '--workers',
        '1',
        '--request-timeout',
        '30',
        '--generation-database',
        'none',
        '--no-color',
      ],
      scratch,
    );
    const summary = /Test cases:\s*\n\s*(.+)/.exec(output)?.[1]?.trim() ?? 'no summary';
    process.stdout.write(`schemathesis: ${summary}\n`);

    expect({ code, failures: code === 0 ? '' : output.slice(output.indexOf('FAILURES')) }).toEqual({ code: 0, failures: '' });
  }, RUN_TIMEOUT_MS + 10_000);
});
