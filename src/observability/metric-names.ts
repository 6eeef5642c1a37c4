/** Business metrics the handlers emit (namespace from POWERTOOLS_METRICS_NAMESPACE); the dashboard reads these names. */
export const MetricNames = {
  OrderCreated: 'OrderCreated',
  OrderCompleted: 'OrderCompleted',
  OrderRejected: 'OrderRejected',
  OrderFailed: 'OrderFailed',
  PaymentDeclined: 'PaymentDeclined',
  OutOfStock: 'OutOfStock',
  CompensationRun: 'CompensationRun',
  LateChargeRefunded: 'LateChargeRefunded',
} as const;

