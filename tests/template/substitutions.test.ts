/**
 * statemachine/order.asl.json and the template's DefinitionSubstitutions must match exactly, the definition must be
 * valid ASL, and it must hold nothing account- or region-specific (those come in through the substitutions).
 */
import aslValidator from 'asl-validator';
import { allStates, asArray, asRecord, aslText, isGetAtt, isRef, propsOf, resource } from './template-fixture';

const stateMachine = propsOf('OrderStateMachine');
const substitutions = asRecord(stateMachine.DefinitionSubstitutions);
const variables = [...new Set([...aslText.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1] ?? ''))].sort();

/** What Step Functions would receive: each variable replaced by a value of the kind the template supplies. */
const substituted = (): unknown =>
  JSON.parse(
    aslText.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
      name.endsWith('Url')
        ? `https://sqs.eu-west-1.amazonaws.com/123456789012/${name}`
        : `arn:aws:lambda:eu-west-1:123456789012:function:${name}`,
    ),
  );

describe('DefinitionSubstitutions', () => {
  it('points the template at the ASL file', () => {
    expect(stateMachine.DefinitionUri).toBe('statemachine/order.asl.json');
  });

  it('has an entry for every ${Variable} in the ASL and none besides', () => {
    expect(variables.length).toBeGreaterThan(0);
    expect(Object.keys(substitutions).sort()).toEqual(variables);
  });

  it('maps every *FunctionArn to the Arn of a function of this template', () => {
    const functionArns = variables.filter((name) => name.endsWith('FunctionArn'));
    expect(functionArns.length).toBeGreaterThan(0);
    for (const name of functionArns) {
      const logicalId = name.replace(/Arn$/, '');
      expect({ name, value: substitutions[name] }).toEqual({ name, value: { 'Fn::GetAtt': [logicalId, 'Arn'] } });
      expect(resource(logicalId).Type).toBe('AWS::Serverless::Function');
    }
  });

  it('maps PaymentQueueUrl to the payment queue (Ref of a queue is its URL)', () => {
    expect(isRef(substitutions.PaymentQueueUrl, 'PaymentQueue')).toBe(true);
    expect(resource('PaymentQueue').Type).toBe('AWS::SQS::Queue');
  });

  it('lets the state machine invoke exactly the functions it names, and send to the payment queue', () => {
    const policies = asArray(stateMachine.Policies).map(asRecord);
    const invoked = policies
      .filter((p) => p.LambdaInvokePolicy)
      .map((p) => asRecord(asRecord(p.LambdaInvokePolicy).FunctionName).Ref)
      .sort();
    const named = variables.filter((name) => name.endsWith('FunctionArn')).map((name) => name.replace(/Arn$/, '')).sort();
    expect(invoked).toEqual(named);
    const sendTo = policies.filter((p) => p.SQSSendMessagePolicy).map((p) => asRecord(p.SQSSendMessagePolicy).QueueName);
    expect(sendTo).toHaveLength(1);
    expect(isGetAtt(sendTo[0], 'PaymentQueue', 'QueueName')).toBe(true);
  });
});

describe('order.asl.json', () => {
  it('passes asl-validator once the substitutions are applied', () => {
    const result = aslValidator(substituted());
    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('passes asl-validator as written (placeholders in Resource and QueueUrl)', () => {
    const result = aslValidator(JSON.parse(aslText));
    expect(result.errorsText()).toBe('');
  });

  it('holds no account id, region or literal ARN', () => {
    expect(aslText).not.toMatch(/\b\d{12}\b/);
    expect(aslText).not.toMatch(/\b(us|eu|ap|sa|ca|me|af|il|mx)(-gov)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-\d\b/);
    // Service integrations (arn:aws:states:::sqs:...) are the only ARNs allowed: no region, no account.
    const arns = [...aslText.matchAll(/arn:[a-z-]+:[^"\s]*/g)].map((m) => m[0]);
    for (const arn of arns) expect(arn).toMatch(/^arn:aws:states:::[a-z]/);
  });

  it('uses a substitution for every Lambda task', () => {
    const tasks = allStates().filter(([, state]) => state.Type === 'Task');
    expect(tasks.length).toBeGreaterThan(0);
    for (const [name, state] of tasks) {
      const target = String(state.Resource);
      if (target.startsWith('arn:aws:states:::')) continue;
      expect({ name, target }).toEqual({ name, target: expect.stringMatching(/^\$\{\w+FunctionArn\}$/) });
    }
  });
});
