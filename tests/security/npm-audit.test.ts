/**
 * `npm audit --omit=dev --audit-level=high` passes: no high or critical advisory in what the functions ship.
 * The audit needs the registry's advisory endpoint; when it cannot be reached (no network, a mirror without the
 * audit API) the test says so and passes, recognising that case by npm's error code or the endpoint's HTTP
 * status, never by a failed audit.
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

test('npm audit --omit=dev finds no high or critical vulnerability', () => {
  const { status, json, stderr } = runAudit();

  const unreachable = unreachableReason(json, stderr);
  if (unreachable) {
    process.stdout.write(`npm audit skipped: the registry's advisory service could not be reached (${unreachable}). Run \`npm audit --omit=dev --audit-level=high\` where it can.\n`);
    return;
  }
  const severe = Object.entries(json?.vulnerabilities ?? {})
    .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
    .map(([name, v]) => `${name} (${v.severity})`);
  expect({ severe, counts: json?.metadata?.vulnerabilities }).toEqual({ severe: [], counts: expect.objectContaining({ high: 0, critical: 0 }) });
  expect(status).toBe(0);
}, AUDIT_TIMEOUT_MS + 30_000);
