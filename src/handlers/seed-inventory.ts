/**
 * Custom resource that seeds the inventory table at deploy time (src/app/seed-catalogue.ts). This module speaks
 * CloudFormation's custom-resource protocol: it always answers on the pre-signed ResponseURL.
 */
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { seedCatalogueFor, type SeedCatalogueDeps } from '../app/seed-catalogue';
import { logger } from '../observability/powertools';

export interface SeedInventoryDeps extends SeedCatalogueDeps {
  /** Answers CloudFormation on the pre-signed ResponseURL. */
  respond: (responseUrl: string, body: Record<string, unknown>) => Promise<void>;
}

export const makeSeedInventoryHandler = (deps: SeedInventoryDeps) => async (event: CloudFormationCustomResourceEvent, context: Context) => {
  const physicalId = event.RequestType === 'Create' ? `seed-inventory-${event.LogicalResourceId}` : event.PhysicalResourceId;
  const base = { PhysicalResourceId: physicalId, StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId };
  try {
    const added = await seedCatalogueFor(event.RequestType, deps);
    logger.info('Inventory seeded', { requestType: event.RequestType, added });
    await deps.respond(event.ResponseURL, { ...base, Status: 'SUCCESS', Data: { ProductsAdded: added } });
  } catch (error) {
    logger.error('Seeding failed', { error });
    // Answering FAILED (instead of timing out) lets CloudFormation roll back within seconds, not an hour.
    await deps.respond(event.ResponseURL, { ...base, Status: 'FAILED', Reason: `${String(error)} (log stream ${context.logStreamName})` });
  }
};

export const respondToCloudFormation = async (responseUrl: string, body: Record<string, unknown>): Promise<void> => {
  const text = JSON.stringify(body);
  const response = await fetch(responseUrl, { method: 'PUT', body: text, headers: { 'Content-Type': '', 'Content-Length': String(Buffer.byteLength(text)) } });
  if (!response.ok) throw new Error(`CloudFormation response rejected: ${response.status}`);
};
