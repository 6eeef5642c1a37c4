/**
 * ASL intrinsic functions: aws-local-stepfunctions evaluates them; the local stack works around only what the
 * library gets wrong (src/local/emulator/state-machine/json-to-string.ts). Each workaround has a test here that
 * shows the library's raw behaviour, so that the day the library is fixed, the test says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { evaluatePayload } from '../../src/local/emulator/state-machine/payload';
import { jsonToStringFields } from '../../src/local/emulator/state-machine/definition';

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

  test('with the workaround, States.JsonToString of a value holding quotes is valid JSON', async () => {
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

  test('a States.JsonToString the workaround cannot cover is refused when the definition is loaded', () => {
    const nested = { Type: 'Pass', End: true, Parameters: { 'm.$': "States.Format('{}', States.JsonToString($.x))" } };
    const inSelector = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, ResultSelector: { 'm.$': 'States.JsonToString($.x)' } };

    expect(() => jsonToStringFields('Tag', nested)).toThrow(/State Tag: .* is not supported locally/);
    expect(() => jsonToStringFields('Call', inSelector)).toThrow(/State Call: States.JsonToString in ResultSelector/);
    expect(jsonToStringFields('Fine', { Type: 'Pass', End: true, Parameters: tag })?.fields).toEqual([['Cause']]);
  });
});
