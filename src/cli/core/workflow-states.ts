/**
 * The few state names of statemachine/order.asl.json that the report reads meaning from. They are checked
 * against the ASL by tests/unit/cli/workflow-states.test.ts, so renaming a state there fails a test here.
 */
export const WorkflowStates = {
  /** Entered only on the rejection path (an order that broke a business rule). */
  recordRejection: 'RecordRejection',
  /** Entered whenever something failed after validation: refund what was charged, release what was reserved. */
  compensate: 'Compensate',
  /** Entered when compensation itself failed after its retries. */
  compensationFailed: 'CompensationFailed',
} as const;
