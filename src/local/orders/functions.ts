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
import type { Handler } from '../emulator/lambda/runtime';

export type HandlerFactory = (deps: AppDeps) => Handler;

/** Middy handlers are typed by their event; the runtime hands each the event its trigger produces. */
const factory =
  <D>(make: (deps: D) => unknown): HandlerFactory =>
  (deps) =>
    make(deps as D) as Handler;

export const LOCAL_FUNCTIONS: Readonly<Record<string, HandlerFactory>> = {
  'create-order': factory(makeCreateOrderHandler),
  'get-order': factory(makeGetOrderHandler),
  'list-orders': factory(makeListOrdersHandler),
  'validate-order': factory(makeValidateOrderHandler),
  'reserve-inventory': factory(makeReserveInventoryHandler),
  'process-payment': factory(makeProcessPaymentHandler),
  'refund-payment': factory(makeRefundPaymentHandler),
  'release-inventory': factory(makeReleaseInventoryHandler),
  'fulfill-order': factory(makeFulfillOrderHandler),
  notify: factory(makeNotifyHandler),
  'record-outcome': factory(makeRecordOutcomeHandler),
  'quote-cart': factory(makeQuoteCartHandler),
};

/** Functions of the template that the local stack deliberately does not run, and why. */
export const NOT_RUN_LOCALLY: Readonly<Record<string, string>> = {
  'seed-inventory': 'a CloudFormation custom resource; the local stack seeds the inventory from data/catalogue.json itself',
};
