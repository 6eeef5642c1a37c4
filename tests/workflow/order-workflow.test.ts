/**
 * The real order.asl.json, template.yaml and handlers, run by the local stack and driven over HTTP. All
 * scenarios live in this one file so that the last test can check that, together, they entered every state
 * of the state machine (including those inside Parallel branches).
 */
import { startTestStack, type StackClient } from '../support/local-stack';
import { StateCoverage, allStates, orderStateMachine } from '../support/state-coverage';
import { concurrencyScenarios } from './scenarios/concurrency';
import { failureScenarios } from './scenarios/failures';
import { faultScenarios } from './scenarios/faults';
import { happyAndRejectedScenarios } from './scenarios/happy-and-rejected';
import { httpApiScenarios } from './scenarios/http-api';
import { lateCallbackScenarios } from './scenarios/late-callbacks';
import { poisonScenarios } from './scenarios/poison';
import { restartScenarios } from './scenarios/restart';

const coverage = new StateCoverage();

describe('order workflow on one local stack', () => {
  let client: StackClient;
  beforeAll(async () => {
    client = await startTestStack();
  });
  afterAll(async () => {
    await coverage.collect(client);
    await client.stop();
  });
  const stack = () => client;

  describe('completed and rejected orders', () => happyAndRejectedScenarios(stack));
  describe('failures', () => failureScenarios(stack));
  describe('HTTP API', () => httpApiScenarios(stack));
  describe('concurrency', () => concurrencyScenarios(stack));
  describe('late callbacks', () => lateCallbackScenarios(stack));
  // Last on this stack: the redriven poison message keeps cycling through the queue for a few seconds.
  describe('poison messages', () => poisonScenarios(stack));
});

describe('fault injection (one stack per fault)', () => faultScenarios(coverage));

describe('restart', () => restartScenarios(coverage));

describe('state coverage', () => {
  test('every state of the order state machine was entered by at least one test above', () => {
    const machine = orderStateMachine();

    const missing = coverage.missing(machine);

    expect(missing).toEqual([]);
    const states = allStates(machine);
    // Reported in the test output so the figure is visible without digging.
    process.stdout.write(`state coverage: ${states.length - missing.length}/${states.length} states of ${machine.logicalId}\n`);
  });
});
