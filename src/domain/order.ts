/** Lifecycle of an order; the workflow moves it forward and never back. */
export const ORDER_STATUSES = ['NEW', 'VALIDATED', 'PROCESSING', 'COMPLETED', 'REJECTED', 'FAILED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['COMPLETED', 'REJECTED', 'FAILED'];

export interface OrderItem {
  productId: string;
  quantity: number;
  /** Price of one unit in the order's currency, in major units (19.99). */
  unitPrice: number;
}

export interface PaymentDetails {
  method: 'card';
  /** A payment-provider token; never logged, never returned by the API. */
  token: string;
}

export interface ShippingAddress {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

/** The body of `POST /orders`, after schema validation. */
export interface OrderRequest {
  customerId: string;
  customerEmail: string;
  currency: string;
  items: OrderItem[];
  amount: number;
  payment: PaymentDetails;
  shippingAddress?: ShippingAddress;
}

/** Where and why the workflow failed, as recorded on the order and sent in the failure notification. */
export interface Failure {
  state: string;
  error: string;
  cause: string;
  /** Task attempts made by the failed state, when the history tells. */
  attempts?: number;
  /** Console URL on AWS, local console endpoint locally. */
  executionUrl?: string;
}

export interface Fulfilment {
  trackingNumber: string;
  carrier: string;
  estimatedDelivery: string;
}

/** The charge taken for an order; at most one per order. */
export interface Charge {
  paymentId: string;
  amount: number;
  currency: string;
  status: 'CHARGED' | 'REFUNDED';
  chargedAt: string;
  refundedAt?: string;
  refundReason?: string;
}

export interface ReservationLine {
  productId: string;
  quantity: number;
}

/** Stock held for an order: RESERVED while in flight, then SOLD (fulfilled) or RELEASED (compensated). */
export interface Reservation {
  status: 'RESERVED' | 'RELEASED' | 'SOLD';
  lines: ReservationLine[];
  reservedAt: string;
  updatedAt: string;
}

export interface RuleViolation {
  rule: string;
  field: string;
  message: string;
}

/** The stored order. */
export interface Order extends OrderRequest {
  orderId: string;
  status: OrderStatus;
  createdAt: string;
  updatedAt: string;
  executionArn?: string;
  validationErrors?: RuleViolation[];
  failure?: Failure;
  fulfilment?: Fulfilment;
  reservation?: Reservation;
  charge?: Charge;
}

/** What the API and notifications show: the order without its payment token. */
export type OrderView = Omit<Order, 'payment'> & { payment: { method: PaymentDetails['method'] } };

export const toOrderView = (order: Order): OrderView => {
  const { payment, ...rest } = order;
  return { ...rest, payment: { method: payment.method } };
};

/** The state machine's input: identifiers and amounts only, so no email, address or token reaches the execution history. */
export interface WorkflowInput {
  orderId: string;
  order: Pick<OrderRequest, 'customerId' | 'currency' | 'items' | 'amount'>;
}

export const toWorkflowInput = (order: Order): WorkflowInput => ({
  orderId: order.orderId,
  order: { customerId: order.customerId, currency: order.currency, items: order.items, amount: order.amount },
});

/** Converts major currency units to integer cents so sums are exact. */
export const toCents = (amount: number): number => Math.round(amount * 100);

/**
 * What workflow tasks return: enough to route and to read in the execution history, and nothing personal.
 * Step Functions logs inputs and outputs (IncludeExecutionData), so emails, addresses and tokens stay out.
 */
export type OrderSummary = Pick<
  Order,
  'orderId' | 'status' | 'customerId' | 'amount' | 'currency' | 'createdAt' | 'updatedAt' | 'executionArn' | 'failure' | 'fulfilment' | 'validationErrors'
>;

export const toOrderSummary = (order: Order): OrderSummary => {
  const { orderId, status, customerId, amount, currency, createdAt, updatedAt, executionArn, failure, fulfilment, validationErrors } = order;
  return {
    orderId,
    status,
    customerId,
    amount,
    currency,
    createdAt,
    updatedAt,
    ...(executionArn ? { executionArn } : {}),
    ...(failure ? { failure } : {}),
    ...(fulfilment ? { fulfilment } : {}),
    ...(validationErrors ? { validationErrors } : {}),
  };
};
