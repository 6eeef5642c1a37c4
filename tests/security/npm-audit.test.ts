/**
 * `npm audit --omit=dev --audit-level=high` passes: no high or critical advisory in what the functions ship.
 *
 * The audit needs the registry's advisory endpoint. The audit runs while jest collects this file, so that when
 * the endpoint cannot be reached (no network, a mirror or proxy without the audit API — here it answers 405) the
 * test is declared skipped, with the reason in its name and on stderr: it never shows as passed without having
 * audited anything. Unreachability is recognised by npm's network error codes or the endpoint's HTTP status,
 * never by a failed audit; the cases below pin that classification down.
 *
 * Under CI=true it stays a visible skip rather than a failure, unlike a missing dependency the project installs
 * itself (Python, a browser): the advisory service is a third party's network service that this CI cannot reach
 * at all, so failing would keep CI red for a reason no commit can fix, and teach everyone to ignore it. A CI
 * that can reach the registry sets AUDIT_REQUIRED=true, and then an unreachable service fails the test.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** A hung registry connection ends here (spawnSync's ETIMEDOUT), which counts as unreachable. */
const AUDIT_TIMEOUT_MS = 60_000;
/** npm's codes for "could not talk to the registry". */
const NETWORK_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'EPROTO', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN'];

interface AuditJson {
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { severity: string; via: unknown[] }>;
  /** Set when the advisory endpoint answered with an HTTP error. */
  statusCode?: number;
  code?: string;
  error?: { code?: string; summary?: string; detail?: string };
  message?: string;
}

const runAudit = (): { status: number | null; json: AuditJson | undefined; stderr: string } => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['audit', '--omit=dev', '--audit-level=high', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: AUDIT_TIMEOUT_MS });
  let json: AuditJson | undefined;
  try {
    json = JSON.parse(result.stdout) as AuditJson;
  } catch {
    json = undefined;
  }
  return { status: result.status, json, stderr: `${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
};

/** Why the audit could not run, or undefined when it ran. */
const unreachableReason = (json: AuditJson | undefined, stderr: string): string | undefined => {
  if (json?.metadata?.vulnerabilities) return undefined;
  const code = json?.error?.code ?? json?.code ?? NETWORK_CODES.find((c) => stderr.includes(c));
  if (code && NETWORK_CODES.includes(code)) return `npm error code ${code}`;
  if (json?.statusCode !== undefined && (json.statusCode >= 500 || [403, 404, 405, 501].includes(json.statusCode))) {
    return `the advisory endpoint answered HTTP ${json.statusCode}${json.message ? ` (${json.message})` : ''}`;
  }
  if (/audit endpoint returned an error/.test(stderr)) return 'the audit endpoint returned an error';
  return undefined;
};

const audit = runAudit();
const unreachable = unreachableReason(audit.json, audit.stderr);
const required = process.env.AUDIT_REQUIRED === 'true';
const TITLE = 'npm audit --omit=dev finds no high or critical vulnerability';

if (unreachable && !required) {
  // Straight to stderr: jest drops console output of a file whose tests are all skipped.
  process.stderr.write(`\nSKIPPED ${TITLE}: the registry's advisory service could not be reached (${unreachable}). Run \`npm audit --omit=dev --audit-level=high\` where it can, or set AUDIT_REQUIRED=true to make this a failure.\n`);
}

(unreachable && !required ? test.skip : test)(unreachable ? `${TITLE} — SKIPPED: advisory service unreachable (${unreachable})` : TITLE, () => {
  const { status, json } = audit;
  expect({ unreachable }).toEqual({ unreachable: undefined });
  const severe = Object.entries(json?.vulnerabilities ?? {})
    .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
    .map(([name, v]) => `${name} (${v.severity})`);
  expect({ severe, counts: json?.metadata?.vulnerabilities }).toEqual({ severe: [], counts: expect.objectContaining({ high: 0, critical: 0 }) });
  expect(status).toBe(0);
});

describe('telling "could not audit" from "audited"', () => {
  test.each([
    ['a network error code', undefined, 'npm error code ENOTFOUND', 'npm error code ENOTFOUND'],
    ['the endpoint answering 405 (this registry proxy)', { statusCode: 405, message: '405 Method Not Allowed' }, 'npm error audit endpoint returned an error', 'the advisory endpoint answered HTTP 405 (405 Method Not Allowed)'],
    ['the endpoint answering 503', { statusCode: 503 }, '', 'the advisory endpoint answered HTTP 503'],
  ])('%s → unreachable', (_label, json, stderr, reason) => {
    expect(unreachableReason(json, stderr)).toBe(reason);
  });

  test('an audit report, even a failing one with a network word in a package name, is never "unreachable"', () => {
    const report: AuditJson = { metadata: { vulnerabilities: { high: 1, critical: 0 } }, vulnerabilities: { 'econnrefused-lib': { severity: 'high', via: [] } } };

    expect(unreachableReason(report, 'ECONNREFUSED')).toBeUndefined();
  });

  test('a 400 from the endpoint (a request npm got wrong) is not taken for unreachable', () => {
    expect(unreachableReason({ statusCode: 400 }, '')).toBeUndefined();
  });
});
