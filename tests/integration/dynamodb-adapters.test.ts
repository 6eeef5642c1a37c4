/**
 * What only the DynamoDB adapters have to prove, against a real moto server: how the document client writes an
 * order, and a commit that loses a race between its read and its transaction. Everything the ports promise is in
 * the contract suites (tests/contracts/, run on moto by aws-on-moto.contract.test.ts), written once for all
 * three implementations.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '../../src/adapters/aws/clients';
import { DynamoDbInventoryRepository } from '../../src/adapters/aws/dynamodb-inventory-repository';
import { DynamoDbOrderRepository } from '../../src/adapters/aws/dynamodb-order-repository';
import { InvalidTransitionError } from '../../src/domain/errors';
import type { Fulfilment } from '../../src/domain/order';
import type { Product } from '../../src/domain/ports';
import { describeWithMoto, MOTO_CLIENT, MOTO_SETUP_TIMEOUT_MS, startMotoServer, type MotoServer } from '../support/moto-server';
import { anOrder, createTables, product, putProducts, TABLES } from './aws-resources';

describeWithMoto('DynamoDB adapters on moto', () => {
  let moto: MotoServer;
  let client: DynamoDBDocumentClient;
  let orders: DynamoDbOrderRepository;
  let inventory: DynamoDbInventoryRepository;

  beforeAll(async () => {
    moto = await startMotoServer();
    client = makeDocumentClient({ ...MOTO_CLIENT, endpoint: moto.endpoint });
    orders = new DynamoDbOrderRepository({ client, tableName: TABLES.orders });
    inventory = new DynamoDbInventoryRepository({ client, inventoryTableName: TABLES.inventory, ordersTableName: TABLES.orders });
  }, MOTO_SETUP_TIMEOUT_MS);

  afterAll(async () => {
    client?.destroy();
    await moto?.stop();
  });

  beforeEach(async () => {
    await moto.reset();
    await createTables(new DynamoDBClient({ ...MOTO_CLIENT, endpoint: moto.endpoint }));
  });

  const counters = async (productId: string): Promise<Pick<Product, 'available' | 'reserved' | 'sold'>> => {
    const { Item } = await client.send(new GetCommand({ TableName: TABLES.inventory, Key: { productId } }));
    const { available, reserved, sold } = Item as Product;
    return { available, reserved, sold };
  };

  it('stores an order with an undefined optional field as if the field were absent (removeUndefinedValues)', async () => {
    await orders.create(anOrder('order-1', { shippingAddress: undefined }));

    expect(await orders.get('order-1')).toEqual(anOrder('order-1'));
  });

  it('commits nothing when the order fails between the read and the write (the condition refuses it)', async () => {
    const fulfilment: Fulfilment = { carrier: 'DHL', trackingNumber: 'DHORDER1', estimatedDelivery: '2025-01-06' };
    await putProducts(client, [product('widget', 10)]);
    await orders.create(anOrder('order-1', { status: 'PROCESSING' }));
    await inventory.reserve('order-1', [{ productId: 'widget', quantity: 4 }]);
    const send = client.send.bind(client);
    // Records the failure just before the commit's transaction reaches the table.
    jest.spyOn(client, 'send').mockImplementation((async (command: { input: object }) => {
      if ('TransactItems' in command.input) await orders.changeStatus('order-1', { status: 'FAILED', from: ['PROCESSING'] });
      return send(command as never);
    }) as never);

    try {
      await expect(inventory.commit('order-1', fulfilment)).rejects.toThrow(InvalidTransitionError);
    } finally {
      jest.restoreAllMocks();
    }

    expect(await orders.get('order-1')).toMatchObject({ status: 'FAILED', reservation: { status: 'RESERVED' } });
    expect((await orders.get('order-1'))?.fulfilment).toBeUndefined();
    expect(await counters('widget')).toEqual({ available: 6, reserved: 4, sold: 0 });
  });
});
