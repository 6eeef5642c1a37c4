/**
 * Everything a handler may depend on. Each handler factory takes only the slice it needs
 * (`Pick<AppDeps, 'orders' | 'workflow'>`), so the Lambda entry builds just those adapters and the
 * local stack can hand every factory the same object.
 */
import type {
  ExecutionHistory,
  IdempotencyStore,
  InventoryRepository,
  Notifier,
  OrderRepository,
  PaymentLedger,
  TaskCallbacks,
  WorkflowStarter,
} from '../domain/ports';

export interface AppDeps {
  orders: OrderRepository;
  idempotency: IdempotencyStore;
  inventory: InventoryRepository;
  payments: PaymentLedger;
  callbacks: TaskCallbacks;
  workflow: WorkflowStarter;
  notifier: Notifier;
  /** Read by RecordFailure for the attempts the failed state made. */
  history: ExecutionHistory;
  /** Probability that an unknown payment token is declined (PAYMENT_DECLINE_RATE). */
  paymentDeclineRate: number;
  /** Prefix that turns an execution ARN into a link (console URL on AWS, local console endpoint locally). */
  executionLinkBase: string;
  now: () => Date;
  newId: () => string;
}
