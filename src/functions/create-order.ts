/** Lambda entry for POST /orders. Clients are built once per container, on first use. */
import { randomUUID } from 'node:crypto';
import { documentClient, sfnClient } from '../adapters/aws/clients';
import { DynamoDbIdempotencyStore } from '../adapters/aws/dynamodb-idempotency-store';
import { DynamoDbOrderRepository } from '../adapters/aws/dynamodb-order-repository';
import { SfnWorkflowStarter } from '../adapters/aws/sfn-workflow-starter';
import { requireEnv } from '../config/env';
import { makeCreateOrderHandler } from '../handlers/create-order';

export const handler = makeCreateOrderHandler({
  orders: new DynamoDbOrderRepository({ client: documentClient(), tableName: requireEnv('ORDERS_TABLE') }),
  idempotency: new DynamoDbIdempotencyStore({ client: documentClient(), tableName: requireEnv('IDEMPOTENCY_TABLE') }),
  workflow: new SfnWorkflowStarter({ client: sfnClient(), stateMachineArn: requireEnv('STATE_MACHINE_ARN') }),
  now: () => new Date(),
  newId: randomUUID,
});
