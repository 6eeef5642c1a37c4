/**
 * The README and the pages under docs/ stay true to the repository: every relative link resolves (to a file, and
 * to a heading when it names one), every repository path it names exists, every `npm run <script>`
 * names a script of package.json, and every `npx orders <command>` names a command of the CLI's usage text.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { USAGE } from '../../src/cli/main';

const root = resolve(__dirname, '../..');
const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const text = (file: string): string => readFileSync(join(root, file), 'utf8');

/** Markdown outside fenced code blocks, where links are links. */
const prose = (markdown: string): string => markdown.replace(/^```[\s\S]*?^```/gm, '');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchorsOf = (markdown: string): Set<string> =>
  new Set(
    [...prose(markdown).matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) =>
      (m[1] ?? '')
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  );

const relativeLinks = (markdown: string): string[] =>
  [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target));

const scripts = Object.keys((JSON.parse(text('package.json')) as { scripts: Record<string, string> }).scripts);
const ordersCommands = new Set(
  [...USAGE.split('\nWhere')[0]!.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1] ?? ''),
);

describe.each(docs)('%s', (file) => {
  const markdown = text(file);

  test('every relative link resolves', () => {
    const broken = relativeLinks(markdown).filter((link) => {
      const [path = '', anchor] = link.split('#');
      const target = path ? resolve(dirname(join(root, file)), decodeURIComponent(path)) : join(root, file);
      if (!existsSync(target)) return true;
      if (!anchor || statSync(target).isDirectory() || !target.endsWith('.md')) return false;
      return !anchorsOf(readFileSync(target, 'utf8')).has(anchor);
    });
    expect(broken).toEqual([]);
  });

  test('every repository path it names exists', () => {
    const named = [...markdown.matchAll(/(?<![\w./-])((?:src|tests|scripts|bench|statemachine|events|data|docs)\/[\w./-]+)(?![\w./{-])/g)]
      .map((m) => (m[1] ?? '').replace(/[.,:;]+$/, ''));
    expect(named.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  test('every `npm run` script it names exists', () => {
    const named = [...markdown.matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1] ?? '');
    expect(named.filter((script) => !scripts.includes(script))).toEqual([]);
  });

  test('every `npx orders` command it names exists', () => {
    const named = [...markdown.matchAll(/npx orders ([a-z]+)/g)].map((m) => m[1] ?? '');
    expect(named.filter((command) => !ordersCommands.has(command))).toEqual([]);
  });
});

test('the README is a front door: at most 200 lines', () => {
  expect(text('README.md').split('\n').length).toBeLessThanOrEqual(200);
});

test('the checks above see the files they check', () => {
  // A glob that matched nothing would make every case above pass vacuously.
  expect(docs.length).toBeGreaterThan(5);
  expect(ordersCommands.has('report')).toBe(true);
  expect(relative(root, join(root, 'docs'))).toBe('docs');
});
