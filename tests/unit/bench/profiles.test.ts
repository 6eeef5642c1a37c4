import path from 'node:path';
import { existsSync } from 'node:fs';
import { loadTemplate, parseTemplate } from '../../../src/local/emulator/template/load-template';
import { builtTemplate, withSourceMapsFlag } from '../../../scripts/build/built-template';
import { loadProfiles, profileNamed, toEsbuildOptions } from '../../../scripts/build/profiles';
import { templateFunctions } from '../../../scripts/build/template-functions';

const ROOT = path.resolve(__dirname, '../../..');
const TEMPLATE = path.join(ROOT, 'template.yaml');
const profiles = loadProfiles(ROOT);
const standard = profileNamed(profiles, 'standard');
const armMin = profileNamed(profiles, 'arm-min');
const BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

describe('build profiles vs template.yaml (sam build builds the standard profile)', () => {
  const template = loadTemplate(TEMPLATE);
  const functions = templateFunctions(template, ROOT);

  it('finds every esbuild function of the template, each with an existing entry file', () => {
    // Assert
    expect(functions.length).toBeGreaterThanOrEqual(12);
    for (const fn of functions) expect(existsSync(fn.entryPoint)).toBe(true);
  });

  it.each(functions.map((fn) => [fn.logicalId, fn] as const))('%s Metadata BuildProperties equal the standard profile', (_id, fn) => {
    // Arrange
    const { EntryPoints, ...properties } = fn.buildProperties;

    // Assert
    expect(EntryPoints).toEqual([`${fn.name}.ts`]);
    expect(properties).toEqual(standard.buildProperties);
  });

  it('runs functions with the standard profile NODE_OPTIONS and architecture by default', () => {
    // Arrange
    const globals = template.Globals?.Function as { Environment: { Variables: Record<string, unknown> } };

    // Assert
    expect(globals.Environment.Variables.NODE_OPTIONS).toBe(standard.nodeOptions);
    expect(template.Parameters?.Architecture?.Default).toBe(standard.architecture);
    expect(template.Parameters?.Architecture?.AllowedValues).toEqual(expect.arrayContaining([standard.architecture, armMin.architecture]));
  });
});

describe('the profiles themselves', () => {
  it('both bundle ESM with the createRequire banner and no externals (the SDK is bundled, not taken from the runtime)', () => {
    for (const profile of [standard, armMin]) {
      // Act
      const options = toEsbuildOptions(profile.buildProperties);

      // Assert
      expect(options).toMatchObject({ bundle: true, platform: 'node', format: 'esm', banner: { js: BANNER }, outExtension: { '.js': '.mjs' } });
      expect(options.external).toBeUndefined();
    }
  });

  it('standard: node20 target, readable, source maps on and applied at run time, default main fields', () => {
    // Act
    const options = toEsbuildOptions(standard.buildProperties);

    // Assert
    expect(options).toMatchObject({ target: 'node20', minify: false, sourcemap: true });
    expect(options.mainFields).toBeUndefined();
    expect(standard).toMatchObject({ architecture: 'x86_64', nodeOptions: '--enable-source-maps' });
  });

  it('arm-min: arm64, minified, ES modules of the SDK first, no source maps, lazy chunks', () => {
    // Act
    const options = toEsbuildOptions(armMin.buildProperties);

    // Assert
    expect(options).toMatchObject({ target: 'node24', minify: true, sourcemap: false, mainFields: ['module', 'main'], splitting: true });
    expect(armMin).toMatchObject({ architecture: 'arm64', nodeOptions: '' });
  });
});

describe('toEsbuildOptions', () => {
  it('applies what AWS Lambda Builders adds when a property is absent (es2020, cjs, minify)', () => {
    // Act / Assert
    expect(toEsbuildOptions({ EntryPoints: ['a.ts'] })).toEqual({ bundle: true, platform: 'node', target: 'es2020', format: 'cjs', minify: true });
  });

  it('translates SAM list properties written as key=value', () => {
    // Act
    const options = toEsbuildOptions({ Loader: ['.sql=text'], Define: ['DEBUG=false'], External: ['pg-native'], Footer: ['js=//end'] });

    // Assert
    expect(options).toMatchObject({ loader: { '.sql': 'text' }, define: { DEBUG: 'false' }, external: ['pg-native'], footer: { js: '//end' } });
  });

  it('refuses a property only one of the two builds would honour, and malformed values', () => {
    // Act / Assert
    expect(() => toEsbuildOptions({ KeepNames: true })).toThrow(/KeepNames is not supported/);
    expect(() => toEsbuildOptions({ Minify: 'yes' })).toThrow(/true or false/);
    expect(() => toEsbuildOptions({ Banner: ['no-equals-sign'] })).toThrow(/key=value/);
  });

  it('names the profiles it knows when asked for another', () => {
    // Act / Assert
    expect(() => profileNamed(profiles, 'tiny')).toThrow(/standard, arm-min/);
  });
});

describe('builtTemplate', () => {
  const source = parseTemplate(`
Parameters:
  Architecture: { Type: String, Default: x86_64, AllowedValues: [x86_64, arm64] }
Globals:
  Function:
    CodeUri: src/functions
    Architectures: [!Ref Architecture]
    Environment:
      Variables:
        NODE_OPTIONS: --enable-source-maps
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: esbuild
      BuildProperties: { Format: esm, EntryPoints: [hello.ts] }
      cfn-lint: { config: { ignore_checks: [W3011] } }
    Properties:
      Handler: hello.handler
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/order.asl.json
      DefinitionSubstitutions: { Arn: !GetAtt HelloFunction.Arn }
  Remote:
    Type: AWS::Serverless::Api
    Properties:
      DefinitionUri: s3://bucket/openapi.yaml
`);
  const root = '/repo';
  const functions = templateFunctions(source, root);
  const build = (profile = armMin) => builtTemplate(source, { profile, functions, templateDir: root, outDir: `/repo/.aws-sam/${profile.name}` });

  it('points each function at its own built directory and the bundled handler module', () => {
    // Act
    const hello = build().Resources.HelloFunction;

    // Assert
    expect(functions).toEqual([expect.objectContaining({ logicalId: 'HelloFunction', name: 'hello', entryPoint: '/repo/src/functions/hello.ts' })]);
    expect(hello?.Properties).toMatchObject({ CodeUri: 'HelloFunction', Handler: 'hello.handler' });
    expect(hello?.Metadata).toEqual({ 'cfn-lint': { config: { ignore_checks: ['W3011'] } } });
  });

  it("sets the profile's architecture through the template's parameter", () => {
    // Act / Assert
    expect(build().Parameters?.Architecture?.Default).toBe('arm64');
    expect(build(standard).Parameters?.Architecture?.Default).toBe('x86_64');
  });

  it('drops --enable-source-maps where the profile ships no source maps, keeps it where it does', () => {
    // Act
    const variables = (profile: typeof armMin) =>
      (build(profile).Globals?.Function as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;

    // Assert
    expect(variables(armMin)).not.toHaveProperty('NODE_OPTIONS');
    expect(variables(standard).NODE_OPTIONS).toBe('--enable-source-maps');
  });

  it('re-bases other local paths so sam deploy packages the same files, and leaves remote ones alone', () => {
    // Act
    const built = build();

    // Assert
    expect(built.Resources.Machine?.Properties?.DefinitionUri).toBe('../../statemachine/order.asl.json');
    expect(built.Resources.Machine?.Properties?.DefinitionSubstitutions).toEqual({ Arn: { 'Fn::GetAtt': ['HelloFunction', 'Arn'] } });
    expect(built.Resources.Remote?.Properties?.DefinitionUri).toBe('s3://bucket/openapi.yaml');
    expect(source.Resources.Machine?.Properties?.DefinitionUri).toBe('statemachine/order.asl.json');
  });

  it('sets the architecture literally when the template has no Architecture parameter', () => {
    // Arrange
    const bare = parseTemplate('Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Metadata: { BuildMethod: esbuild }\n    Properties: { Handler: f.handler, CodeUri: . }\n');

    // Act
    const built = builtTemplate(bare, { profile: armMin, functions: templateFunctions(bare, root), templateDir: root, outDir: '/repo/out' });

    // Assert
    expect(built.Globals?.Function?.Architectures).toEqual(['arm64']);
  });
});

describe('withSourceMapsFlag', () => {
  it('adds or removes only --enable-source-maps', () => {
    // Act / Assert
    expect(withSourceMapsFlag('--max-old-space-size=256 --enable-source-maps', false)).toBe('--max-old-space-size=256');
    expect(withSourceMapsFlag('--enable-source-maps', false)).toBeUndefined();
    expect(withSourceMapsFlag(undefined, true)).toBe('--enable-source-maps');
    expect(withSourceMapsFlag('--enable-source-maps', true)).toBe('--enable-source-maps');
  });
});
