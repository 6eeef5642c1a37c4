/**
 * IAM sufficiency: every AWS call the code and the workflows can make is allowed, on the resource it targets, by
 * the role that makes it in the SAM-translated template, as decided by an IAM policy evaluator
 * (@cloud-copilot/iam-simulate). The calls are read from the code (iam-code-calls.ts), the state machine
 * definitions and the API definition, never listed by hand, so a new SDK call without its permission fails here.
 * The "nothing too broad" side stays in iam.test.ts.
 */
import { templateFunctions } from '../../scripts/build/template-functions';
import { codeOf, type CodeCall } from './iam-code-calls';
import { evaluate, policiesOfRole, type Decision } from './iam-evaluate';
import { ExampleStack, type TranslatedTemplate } from './iam-example-stack';
import { RequiredPermissions, type Requirements } from './iam-required';
import { ROOT, samTranslatorAvailable, template, transformedTemplate } from './template-fixture';

const available = samTranslatorAvailable();
const reason = 'the SAM translator is missing: run `bash scripts/python-env.sh` to install the SAM CLI into .venv';
if (!available && process.env.CI === 'true') {
  test('IAM sufficiency needs the SAM translator', () => {
    throw new Error(`Cannot check IAM sufficiency under CI: ${reason}`);
  });
} else if (!available) {
  console.warn(`Skipping the IAM sufficiency checks: ${reason}.`);
}
const describeTranslated = available ? describe : describe.skip;

interface Verdict {
  role: string;
  source: string;
  action: string;
  resource: string;
  decision: Decision;
}

const verdictsOf = async (stack: ExampleStack, needs: Requirements, policies = policiesOfRole(stack, needs.role)): Promise<Verdict[]> =>
  Promise.all(
    needs.required.map(async (need) => ({ role: needs.role, ...need, decision: await evaluate(stack, needs.role, policies, need.action, need.resource) })),
  );

const denied = (verdicts: readonly Verdict[]): Verdict[] => verdicts.filter((verdict) => verdict.decision !== 'Allowed');

describeTranslated('IAM sufficiency, evaluated on the SAM-translated template', () => {
  let stack: ExampleStack;
  let required: RequiredPermissions;
  const functions = templateFunctions(template, ROOT.replace(/\/$/, '')).map((fn) => ({ ...fn, calls: [] as CodeCall[], idleDependencies: [] as string[] }));

  beforeAll(() => {
    stack = new ExampleStack(transformedTemplate() as TranslatedTemplate);
    required = new RequiredPermissions(stack);
    for (const fn of functions) Object.assign(fn, codeOf(fn.entryPoint, ROOT));
  });

  it('reads the calls of every function of the template from its bundle', () => {
    expect(functions.length).toBeGreaterThan(0);
    // Every function here talks to AWS; an empty list would mean the reader lost track of the code, not "no calls".
    const silent = functions.filter((fn) => fn.calls.length === 0).map((fn) => fn.logicalId);
    expect(silent).toEqual([]);
    // An adapter wired in but never seen called would hide its calls from this check.
    expect(functions.filter((fn) => fn.idleDependencies.length > 0).map((fn) => [fn.logicalId, fn.idleDependencies])).toEqual([]);
  });

  it('maps every SDK call of every function to IAM actions on concrete resources (0 calls unmapped)', () => {
    const unmapped = functions.flatMap((fn) => required.forFunction(fn.logicalId, fn.calls).unmapped.map((u) => ({ function: fn.logicalId, ...u })));
    expect(unmapped).toEqual([]);
  });

  it("allows every function's calls by the function's own role", async () => {
    const verdicts = (await Promise.all(functions.map((fn) => verdictsOf(stack, required.forFunction(fn.logicalId, fn.calls))))).flat();
    expect(verdicts.length).toBeGreaterThan(functions.length);
    expect(denied(verdicts)).toEqual([]);
  });

  it("allows every Task of both state machines by the machine's role (0 tasks unmapped)", async () => {
    expect(required.stateMachines.map((machine) => machine.logicalId).sort()).toEqual(['OrderStateMachine', 'QuoteStateMachine']);
    for (const machine of required.stateMachines) {
      const needs = required.forStateMachine(machine);
      expect({ machine: machine.logicalId, unmapped: needs.unmapped }).toEqual({ machine: machine.logicalId, unmapped: [] });
      expect(needs.required.filter((need) => need.source.startsWith('Task ')).length).toBe(machine.tasks.length);
      expect(denied(await verdictsOf(stack, needs))).toEqual([]);
    }
  });

  it("allows API Gateway's quote integration to start synchronous executions of the Express machine only", async () => {
    const integrations = required.forApiIntegrations();
    expect(integrations.map((needs) => [needs.role, needs.required.map((need) => need.action), needs.unmapped])).toEqual([
      ['QuoteApiRole', ['states:StartSyncExecution'], []],
    ]);
    const [quote] = integrations;
    if (!quote) throw new Error('no quote integration');
    expect(quote.required[0]?.resource).toBe(stack.arnOf('QuoteStateMachine'));
    expect(denied(await verdictsOf(stack, quote))).toEqual([]);
    const other = { ...quote, required: quote.required.map((need) => ({ ...need, resource: stack.arnOf('OrderStateMachine') })) };
    expect((await verdictsOf(stack, other)).map((verdict) => verdict.decision)).toEqual(['ImplicitlyDenied']);
  });

  describe('can fail', () => {
    const listOrders = () => functions.find((fn) => fn.logicalId === 'ListOrdersFunction');

    it('denies a call once the statement that grants it is removed from the translated policy', async () => {
      const fn = listOrders();
      if (!fn) throw new Error('ListOrdersFunction is gone; pick another function for this test');
      const needs = required.forFunction(fn.logicalId, fn.calls);
      expect(needs.required.map((need) => need.action)).toContain('dynamodb:Query');
      const policies = policiesOfRole(stack, needs.role);
      expect(denied(await verdictsOf(stack, needs, policies))).toEqual([]);
      const withoutQuery = policies.filter((entry) => !JSON.stringify(entry.policy).includes('dynamodb:Query'));
      expect(withoutQuery.length).toBe(policies.length - 1);
      const decisions = denied(await verdictsOf(stack, needs, withoutQuery)).map((verdict) => [verdict.action, verdict.decision]);
      expect(decisions).toContainEqual(['dynamodb:Query', 'ImplicitlyDenied']);
    });

    it('denies a query on the index when the policy names only the table, and the task token callback of another machine', async () => {
      const fn = listOrders();
      if (!fn) throw new Error('ListOrdersFunction is gone; pick another function for this test');
      const needs = required.forFunction(fn.logicalId, fn.calls);
      const query = needs.required.find((need) => need.action === 'dynamodb:Query');
      expect(query?.resource).toBe(`${stack.arnOf('OrdersTable')}/index/byStatus`);
      const tableOnly = [{ name: 'table-only', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:Query', Resource: stack.arnOf('OrdersTable') }] } }];
      expect(await evaluate(stack, needs.role, tableOnly, 'dynamodb:Query', String(query?.resource))).toBe('ImplicitlyDenied');

      const payment = required.forFunction('ProcessPaymentFunction', functions.find((each) => each.logicalId === 'ProcessPaymentFunction')?.calls ?? []);
      const policies = policiesOfRole(stack, payment.role);
      expect(await evaluate(stack, payment.role, policies, 'states:SendTaskSuccess', stack.arnOf('OrderStateMachine'))).toBe('Allowed');
      expect(await evaluate(stack, payment.role, policies, 'states:SendTaskSuccess', stack.arnOf('QuoteStateMachine'))).toBe('ImplicitlyDenied');
    });

    it('flags an SDK call added without its permission, and a command it cannot map', async () => {
      const fn = functions.find((each) => each.logicalId === 'GetOrderFunction');
      if (!fn) throw new Error('GetOrderFunction is gone; pick another function for this test');
      const table = { kind: 'env', variable: 'ORDERS_TABLE' } as const;
      const added: CodeCall[] = [
        ...fn.calls,
        { via: 'test', command: 'DeleteCommand', fields: { TableName: table }, requestTables: [], transactionItems: [] },
        { via: 'test', command: 'RestoreTableFromBackupCommand', fields: {}, requestTables: [], transactionItems: [] },
      ];
      const needs = required.forFunction(fn.logicalId, added);
      expect(needs.unmapped).toEqual([{ source: 'test → RestoreTableFromBackupCommand', reason: 'no IAM mapping for RestoreTableFromBackupCommand' }]);
      expect(denied(await verdictsOf(stack, needs)).map((verdict) => [verdict.action, verdict.decision])).toEqual([['dynamodb:DeleteItem', 'ImplicitlyDenied']]);
    });
  });
});
