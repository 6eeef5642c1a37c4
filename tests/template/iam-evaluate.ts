/**
 * Asks @cloud-copilot/iam-simulate whether a role of the translated template allows one request: the role's
 * inline policies (intrinsics resolved to the example stack's ARNs) and its AWS managed policies, same account,
 * no SCPs, no resource policy.
 */
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { ACCOUNT, ExampleStack } from './iam-example-stack';
import { asArray, asRecord } from './template-fixture';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | `invalid request: ${string}`;

/**
 * The documents of the only AWS managed policies SAM attaches here (tests/template/iam.test.ts allows no others),
 * copied from the IAM console (version v1 of each). An unknown managed policy grants nothing in this evaluation.
 */
const MANAGED_POLICY_DOCUMENTS: Record<string, unknown> = {
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
  },
  'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries'],
        Resource: '*',
      },
    ],
  },
};

/**
 * Actions the Service Authorization Reference lists without a resource type, which AWS nevertheless authorises
 * against a specific ARN: Step Functions checks task-token callbacks against the state machine that issued the token
 * (its AccessDenied names `…:stateMachine:<name>`, and SAM's StepFunctionsCallbackPolicy scopes them so). The
 * simulator's input validation would insist on "*", so these are evaluated without it, on the issuer's ARN.
 */
const AUTHORISED_ON_ISSUING_STATE_MACHINE = new Set(['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat']);

export interface RolePolicy {
  name: string;
  policy: unknown;
}

/** The identity policies of a role of the translated template, resolved to the example stack. */
export const policiesOfRole = (stack: ExampleStack, roleId: string): RolePolicy[] => {
  const props = asRecord(stack.resource(roleId).Properties);
  const inline = asArray(props.Policies).map((entry, index) => ({
    name: String(asRecord(entry).PolicyName ?? `${roleId}Policy${index}`),
    policy: stack.resolveDeep(asRecord(entry).PolicyDocument),
  }));
  const managed = asArray(props.ManagedPolicyArns).flatMap((arn) => {
    const resolved = stack.resolveString(arn);
    const document = MANAGED_POLICY_DOCUMENTS[resolved];
    return document === undefined ? [] : [{ name: resolved, policy: document }];
  });
  return [...inline, ...managed];
};

export const evaluate = async (stack: ExampleStack, roleId: string, policies: readonly RolePolicy[], action: string, resource: string): Promise<Decision> => {
  const simulation: Simulation = {
    request: {
      principal: stack.arnOf(roleId),
      action,
      resource: { resource, accountId: ACCOUNT },
      contextVariables: {},
    },
    identityPolicies: policies.map(({ name, policy }) => ({ name, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  if (AUTHORISED_ON_ISSUING_STATE_MACHINE.has(action) && resource.includes(':stateMachine:')) return runUnsafeSimulation(simulation, {});
  const result = await runSimulation(simulation, {});
  return result.resultType === 'error' ? `invalid request: ${result.errors.message}` : result.overallResult;
};
