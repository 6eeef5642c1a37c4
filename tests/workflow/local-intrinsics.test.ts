/**
 * ASL intrinsic functions: aws-local-stepfunctions evaluates them. What it gets wrong is fixed by a patch
 * (patches/, applied by `npm ci`): States.JsonToString lost the escapes of quotes. The tests here show the fix,
 * and say when the library version changes, so that the patch is checked against the new version.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { evaluatePayload } from '../../src/local/emulator/state-machine/payload';
import { compileLevel } from '../../src/local/emulator/state-machine/definition';

const passWith = (parameters: Record<string, unknown>) =>
  new StateMachine({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: parameters, End: true } } } as unknown as StateMachineDefinition);

const cause = JSON.stringify({ errorType: 'OutOfStockError', errorMessage: 'say "no"' });
const tag = { 'Cause.$': "States.JsonToString(States.Array('ReserveInventory', $.e, $.c))" };

describe('ASL intrinsic functions', () => {
  test('the library, as patched by patches/, keeps the escapes of States.JsonToString of a value holding quotes', async () => {
    const raw = (await passWith(tag).run({ e: 'OutOfStockError', c: cause }).result) as { Cause: string };

    expect(JSON.parse(raw.Cause)).toEqual(['ReserveInventory', 'OutOfStockError', cause]);
  });

  test('the patch was made for the installed version of the library', () => {
    const manifest = join(__dirname, '../../node_modules/aws-local-stepfunctions/package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };

    // When this fails, the library was upgraded: if its States.JsonToString keeps escaped quotes now (run the test
    // above without the patch), delete the patch and the start-up check of nested calls; else re-create the patch.
    expect(existsSync(join(__dirname, '../../patches', `aws-local-stepfunctions+${version}.patch`))).toBe(true);
  });

  test('through evaluatePayload (restart recovery), States.JsonToString of a value holding quotes is valid JSON', async () => {
    const out = (await evaluatePayload(tag, { e: 'OutOfStockError', c: cause }, {})) as { Cause: string };

    expect(JSON.parse(out.Cause)).toEqual(['ReserveInventory', 'OutOfStockError', cause]);
  });

  test('States.Format, escaped braces, context paths and nested payloads are the library\'s own', async () => {
    const out = await evaluatePayload(
      { 'msg.$': "States.Format('No callback before {} \\{x\\}', $.caught.Error)", 'id.$': '$$.Execution.Id', fixed: 1, nested: { 'n.$': 'States.ArrayLength($.list)' } },
      { caught: { Error: 'States.Timeout' }, list: [1, 2] },
      { Execution: { Id: 'arn:x' } },
    );

    expect(out).toEqual({ msg: 'No callback before States.Timeout {x}', id: 'arn:x', fixed: 1, nested: { n: 2 } });
  });

  test('States.ArrayRange with a zero step fails the execution with States.Runtime instead of spinning', async () => {
    const failure = await passWith({ 'r.$': 'States.ArrayRange(5, 1, 0)' })
      .run({})
      .result.catch((error: unknown) => (error as { cause?: Error }).cause);

    expect(failure).toMatchObject({ name: 'States.Runtime', message: expect.stringMatching(/ArrayRange expected argument 3/) });
    await expect(passWith({ 'r.$': 'States.ArrayRange(5, 1, -2)' }).run({}).result).resolves.toEqual({ r: [5, 3, 1] });
  });

  test('States.JsonToString nested in another function is refused when the definition is loaded; a whole field is fine anywhere', () => {
    const load = (state: Record<string, unknown>) => () => compileLevel({ StartAt: 'S', States: { S: { End: true, ...state } as never } }, 1, true);
    const lambda = 'arn:aws:lambda:local:000000000000:function:work';

    expect(load({ Type: 'Pass', Parameters: { 'm.$': "States.Format('{}', States.JsonToString($.x))" } })).toThrow(
      /State S: States.JsonToString inside another intrinsic function is not supported by the local stack/,
    );
    expect(load({ Type: 'Task', Resource: lambda, ResultSelector: { 'm.$': 'States.JsonToString($.x)' } })).not.toThrow();
    expect(load({ Type: 'Pass', Parameters: tag })).not.toThrow();
  });
});
