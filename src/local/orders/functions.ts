/**
 * The local registry of Lambda handlers, keyed by the template's entry file name (`create-order` for
 * `EntryPoints: [create-order.ts]`). The Lambda entry points in src/functions/ build each handler with AWS
 * adapters; the local stack builds the same factories with its local ones. A test fails when the template
 * declares a function missing here.
 */
import type { AppDeps } from '../../app/deps';
import { makeCreateOrderHandler } from '../../handlers/create-order';
import { makeFulfillOrderHandler } from '../../handlers/fulfill-order';
import { makeGetOrderHandler } from '../../handlers/get-order';
import { makeListOrdersHandler } from '../../handlers/list-orders';
import { makeNotifyHandler } from '../../handlers/notify';
import { makeProcessPaymentHandler } from '../../handlers/process-payment';
import { makeQuoteCartHandler } from '../../handlers/quote-cart';
import { makeRecordOutcomeHandler } from '../../handlers/record-outcome';
import { makeRefundPaymentHandler } from '../../handlers/refund-payment';
import { makeReleaseInventoryHandler } from '../../handlers/release-inventory';
import { makeReserveInventoryHandler } from '../../handlers/reserve-inventory';
import { makeValidateOrderHandler } from '../../handlers/validate-order';

/** Each factory takes the part of AppDeps it needs (so any of them accepts the whole). */
type HandlerFactory = (deps: AppDeps) => unknown;

export const LOCAL_FUNCTIONS: Readonly<Record<string, HandlerFactory>> = {
  'create-order': makeCreateOrderHandler,
  'get-order': makeGetOrderHandler,
  'list-orders': makeListOrdersHandler,
  'validate-order': makeValidateOrderHandler,
  'reserve-inventory': makeReserveInventoryHandler,
  'process-payment': makeProcessPaymentHandler,
  'refund-payment': makeRefundPaymentHandler,
  'release-inventory': makeReleaseInventoryHandler,
  'fulfill-order': makeFulfillOrderHandler,
  notify: makeNotifyHandler,
  'record-outcome': makeRecordOutcomeHandler,
  'quote-cart': makeQuoteCartHandler,
};

/** Functions of the template that the local stack deliberately does not run, and why. */
export const NOT_RUN_LOCALLY: Readonly<Record<string, string>> = {
  'seed-inventory': 'a CloudFormation custom resource; the local stack seeds the inventory from data/catalogue.json itself',
};
