/**
 * What each library costs at import, measured the same way as the cold-start benchmark: for every piece, an entry
 * holding a baseline plus that piece, bundled with each profile and imported in fresh processes; the cost is the
 * difference of p50s against the baseline alone. Middleware and Powertools are measured on top of a DynamoDB
 * document client (every function has an SDK client, so what they share with it is not charged twice); SDK clients
 * on top of an empty handler.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleEntry } from '../../scripts/build/build-functions';
import type { BundleSize } from '../../scripts/build/bundle-size';
import { loadProfiles, profileNamed, type BuildProfile } from '../../scripts/build/profiles';
import { summarize } from '../../src/shared/stats';
import { coldStartEnv } from './function-env';
import { measureInterleaved, type ColdStartTarget, type Progress } from './interleave';
import { KB } from './report';

export interface Piece {
  name: string;
  baseline: 'empty' | 'dynamodb';
  source: (root: string) => string;
}

const src = (root: string, module: string): string => JSON.stringify(path.join(root, 'src', module));

export const BASELINES: Record<Piece['baseline'], string> = {
  empty: '',
  dynamodb: [
    `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';`,
    `import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';`,
    `export const baseline = [DynamoDBDocumentClient.from(new DynamoDBClient({})), GetCommand];`,
  ].join('\n'),
};

export const PIECES: Piece[] = [
  { name: 'DynamoDB client + lib-dynamodb', baseline: 'empty', source: () => BASELINES.dynamodb.replace('baseline', 'piece') },
  { name: 'Step Functions client', baseline: 'empty', source: () => `import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';\nexport const piece = [new SFNClient({}), StartExecutionCommand];` },
  { name: 'SNS client', baseline: 'empty', source: () => `import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';\nexport const piece = [new SNSClient({}), PublishCommand];` },
  { name: 'SQS client', baseline: 'empty', source: () => `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';\nexport const piece = [new SQSClient({}), SendMessageCommand];` },
  { name: '@middy/core', baseline: 'dynamodb', source: () => `import middy from '@middy/core';\nexport const piece = middy().handler(async () => ({}));` },
  { name: '@middy/http-cors', baseline: 'dynamodb', source: () => `import cors from '@middy/http-cors';\nexport const piece = cors({ origins: ['*'] });` },
  { name: '@middy/http-error-handler', baseline: 'dynamodb', source: () => `import errors from '@middy/http-error-handler';\nexport const piece = errors({});` },
  { name: '@middy/http-header-normalizer', baseline: 'dynamodb', source: () => `import normalizer from '@middy/http-header-normalizer';\nexport const piece = normalizer();` },
  { name: '@middy/http-json-body-parser', baseline: 'dynamodb', source: () => `import parser from '@middy/http-json-body-parser';\nexport const piece = parser();` },
  {
    name: '@middy/validator + precompiled schema (now)',
    baseline: 'dynamodb',
    source: (root) => `import validator from '@middy/validator';\nimport validate from ${src(root, 'schemas/create-order-request.validator')};\nexport const piece = validator({ eventSchema: validate as never });`,
  },
  {
    name: '@middy/validator + transpileSchema (before)',
    baseline: 'dynamodb',
    source: (root) =>
      [
        `import validator from '@middy/validator';`,
        `import { transpileSchema } from '@middy/validator/transpile';`,
        `import schema from ${src(root, 'schemas/create-order-request.json')};`,
        `const { $schema, ...body } = schema as Record<string, unknown>;`,
        `export const piece = validator({ eventSchema: transpileSchema({ type: 'object', required: ['body'], properties: { body } }, { coerceTypes: false, useDefaults: false, strict: false }) });`,
      ].join('\n'),
  },
  {
    name: 'Powertools Logger + injectLambdaContext',
    baseline: 'dynamodb',
    source: () => `import { Logger } from '@aws-lambda-powertools/logger';\nimport { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';\nexport const piece = injectLambdaContext(new Logger());`,
  },
  {
    name: 'Powertools Metrics + logMetrics',
    baseline: 'dynamodb',
    source: () => `import { Metrics } from '@aws-lambda-powertools/metrics';\nimport { logMetrics } from '@aws-lambda-powertools/metrics/middleware';\nexport const piece = logMetrics(new Metrics());`,
  },
  {
    name: 'Powertools Batch (BatchProcessor)',
    baseline: 'dynamodb',
    source: () => `import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';\nexport const piece = [new BatchProcessor(EventType.SQS), processPartialResponse];`,
  },
  {
    name: 'Powertools Tracer + captureLambdaHandler (X-Ray SDK)',
    baseline: 'dynamodb',
    source: () => `import { Tracer } from '@aws-lambda-powertools/tracer';\nimport { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';\nexport const piece = captureLambdaHandler(new Tracer());`,
  },
  {
    name: 'Our API stack (api-handler: Middy, 5 middlewares, Logger, Metrics)',
    baseline: 'dynamodb',
    source: (root) =>
      `import validate from ${src(root, 'schemas/create-order-request.validator')};\nimport { apiHandler } from ${src(root, 'handlers/middleware/api-handler')};\nexport const piece = apiHandler(async () => ({ statusCode: 200, body: '' }), { bodyValidator: validate });`,
  },
  {
    name: 'Our task stack (task-handler: Middy, Logger, Metrics)',
    baseline: 'dynamodb',
    source: (root) => `import { taskHandler } from ${src(root, 'handlers/middleware/task-handler')};\nexport const piece = taskHandler(async () => ({}));`,
  },
];

export interface PieceCost {
  piece: string;
  baseline: string;
  profile: string;
  /** Bytes the piece adds to what is loaded at init. */
  addedInitBytes: number;
  addedBytes: number;
  importMsP50: number;
  baselineImportMsP50: number;
  /** importMsP50 − baselineImportMsP50. */
  addedImportMs: number;
  /** The same on CPU time (user + system) of the import. */
  addedImportCpuMs: number;
}

interface Variant extends ColdStartTarget {
  piece: string;
  baseline: Piece['baseline'];
  profile: string;
  size: BundleSize;
}

export const measureImportCosts = async (options: { root: string; runs: number; profiles: string[]; progress: Progress }): Promise<PieceCost[]> => {
  const { root } = options;
  const dir = path.join(root, '.aws-sam', 'bench', 'pieces');
  mkdirSync(path.join(dir, 'entries'), { recursive: true });
  const eventFile = path.join(dir, 'event.json');
  writeFileSync(eventFile, '{}');
  const all = loadProfiles(root);
  const entries = [
    ...Object.entries(BASELINES).map(([name, source]) => ({ piece: `baseline:${name}`, baseline: name as Piece['baseline'], source: `${source}\nexport const handler = async () => ({});\n` })),
    ...PIECES.map((piece) => ({ piece: piece.name, baseline: piece.baseline, source: `${BASELINES[piece.baseline]}\n${piece.source(root)}\nexport const handler = async () => ({});\n` })),
  ];
  const variants: Variant[] = [];
  for (const profile of options.profiles.map((name) => profileNamed(all, name)) as BuildProfile[]) {
    for (const [i, entry] of entries.entries()) {
      const file = path.join(dir, 'entries', `piece-${i}.ts`);
      writeFileSync(file, entry.source);
      const built = await bundleEntry(profile, { name: 'index', file }, path.join(dir, profile.name, `piece-${i}`), root);
      const env = coldStartEnv({ functionName: `piece-${i}`, endpoint: 'http://127.0.0.1:9', variables: { POWERTOOLS_SERVICE_NAME: 'pieces' }, nodeOptions: profile.nodeOptions, taskRoot: path.dirname(built.handlerFile) });
      variants.push({ piece: entry.piece, baseline: entry.baseline, profile: profile.name, label: `${entry.piece} · ${profile.name}`, group: profile.name, handlerFile: built.handlerFile, eventFile, env, size: built, samples: [] });
    }
  }
  await measureInterleaved(variants, options.runs, path.join(root, 'bench', 'coldstart-child.mjs'), options.progress);
  const p50 = (variant: Variant): number => summarize(variant.samples.map((sample) => sample.importMs)).p50;
  const cpuP50 = (variant: Variant): number => summarize(variant.samples.map((sample) => sample.importCpuMs)).p50;
  return variants
    .filter((variant) => !variant.piece.startsWith('baseline:'))
    .map((variant) => {
      const base = variants.find((other) => other.piece === `baseline:${variant.baseline}` && other.profile === variant.profile) as Variant;
      return {
        piece: variant.piece,
        baseline: variant.baseline === 'empty' ? 'empty handler' : 'DynamoDB document client',
        profile: variant.profile,
        addedInitBytes: variant.size.initBytes - base.size.initBytes,
        addedBytes: variant.size.bytes - base.size.bytes,
        importMsP50: Number(p50(variant).toFixed(2)),
        baselineImportMsP50: Number(p50(base).toFixed(2)),
        addedImportMs: Number((p50(variant) - p50(base)).toFixed(2)),
        addedImportCpuMs: Number((cpuP50(variant) - cpuP50(base)).toFixed(2)),
      };
    });
};

export const importCostsMarkdown = (costs: PieceCost[], runs: number, profiles: string[]): string => {
  const pieces = [...new Set(costs.map((cost) => cost.piece))];
  const cell = (piece: string, profile: string): string => {
    const cost = costs.find((c) => c.piece === piece && c.profile === profile);
    const signed = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
    return cost ? `+${(cost.addedInitBytes / KB).toFixed(1)} KB, ${signed(cost.addedImportMs)} ms (CPU ${signed(cost.addedImportCpuMs)})` : '–';
  };
  return [
    `# Import cost per library (\`npm run bench:imports\`)`,
    '',
    `Bytes loaded at init, and p50 import time (wall, and CPU user+system) added over the baseline, ${runs} fresh Node ${process.version} processes per variant, interleaved. Differences of a few milliseconds are within noise on a shared machine.`,
    '',
    `| Piece | Baseline | ${profiles.join(' | ')} |`,
    `| --- | --- | ${profiles.map(() => '---:').join(' | ')} |`,
    ...pieces.map((piece) => `| ${piece} | ${costs.find((c) => c.piece === piece)?.baseline ?? ''} | ${profiles.map((p) => cell(piece, p)).join(' | ')} |`),
    '',
  ].join('\n');
};
