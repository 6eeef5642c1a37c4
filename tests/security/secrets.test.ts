/**
 * No secret in the repository: every file git tracks or would add (tracked, plus untracked files not ignored) is
 * searched for AWS access key ids, AWS secret access keys and private keys; and the local stack's generated API
 * key (`<project>/.local/api-key`, the default data directory) is ignored by git.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MAX_SCANNED_BYTES = 2 * 1024 * 1024;

const PATTERNS: { name: string; pattern: RegExp }[] = [
  { name: 'AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g },
  { name: 'AWS secret access key', pattern: /aws_?secret_?access_?key\W{0,4}[A-Za-z0-9/+]{40}\b/gi },
  { name: 'private key', pattern: /-{5}BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-{5}/g },
];

/**
 * Look-alikes that are not credentials: AWS's documentation example (…EXAMPLE), and the placeholder the
 * cold-start benchmark gives the SDK so that it does not go looking for real credentials.
 */
const ALLOWED = [/EXAMPLE$/, /^ASIABENCHCOLDSTART00$/];

const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
const inGitRepo = git('rev-parse', '--is-inside-work-tree').stdout.trim() === 'true';

const candidateFiles = (): string[] =>
  git('ls-files', '-z', '--cached', '--others', '--exclude-standard')
    .stdout.split('\0')
    .filter(Boolean);

const isText = (buffer: Buffer): boolean => !buffer.subarray(0, 8000).includes(0);

(inGitRepo ? describe : describe.skip)('secrets in the repository', () => {
  test('no AWS key or private key in any tracked or addable file', () => {
    const files = candidateFiles();
    const findings: string[] = [];
    for (const file of files) {
      const path = join(ROOT, file);
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        continue; // deleted in the working tree
      }
      if (size > MAX_SCANNED_BYTES) continue;
      const buffer = readFileSync(path);
      if (!isText(buffer)) continue;
      const text = buffer.toString('utf8');
      for (const { name, pattern } of PATTERNS) {
        for (const match of text.matchAll(pattern)) {
          if (ALLOWED.some((a) => a.test(match[0]))) continue;
          findings.push(`${file}: ${name} ${match[0].slice(0, 12)}…`);
        }
      }
    }

    expect(files.length).toBeGreaterThan(50);
    expect(findings).toEqual([]);
  });

  test('the local API key file and the local data directory are ignored by git, and nothing under them is tracked', () => {
    expect(git('check-ignore', '-q', '.local/api-key').status).toBe(0);
    expect(git('check-ignore', '-q', '.local/orders.sqlite').status).toBe(0);
    expect(git('ls-files', '.local').stdout.trim()).toBe('');
    expect(candidateFiles().filter((f) => /(^|\/)api-key$/.test(f))).toEqual([]);
  });

  test('the scanner finds what it looks for', () => {
    const samples = [`AKIA${'Q'.repeat(16)}`, `aws_secret_access_key = ${'a1B2'.repeat(10)}`, `${'-'.repeat(5)}BEGIN RSA PRIVATE KEY${'-'.repeat(5)}`];

    expect(samples.map((s) => PATTERNS.some(({ pattern }) => [...s.matchAll(pattern)].length > 0))).toEqual([true, true, true]);
  });
});
