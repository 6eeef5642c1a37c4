/**
 * Real runs through the local stack for the CLI tests: starts it in-process (temp data dir, time scale 0.01,
 * free port), places orders from the sample events in events/, and waits until their executions end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../../src/local/stack';
import type { OrderRequest } from '../../../src/domain/order';
import { loadEvent } from '../../support/events';

export interface RunningStack {
  stack: LocalStack;
  placeOrder(request: OrderRequest): Promise<{ orderId: string; executionArn: string }>;
  /** Resolves with the execution's final status; fails after `timeoutMs`. */
  waitForEnd(orderId: string, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/** The body of a sample API event, so the tests send what `sam local invoke -e` would. */
export const sampleOrder = (file: string, token?: string): OrderRequest => {
  const request = JSON.parse(loadEvent<{ body: string }>(file).body) as OrderRequest;
  return token ? { ...request, payment: { ...request.payment, token } } : request;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const startStack = async (options: LocalStackOptions = {}): Promise<RunningStack> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'orders-cli-'));
  const stack = await startLocalStack({ port: 0, dataDir, timeScale: 0.01, quiet: true, ...options });
  const placeOrder = async (request: OrderRequest) => {
    const response = await fetch(`${stack.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': stack.apiKey },
      body: JSON.stringify(request),
    });
    const body = (await response.json()) as { orderId: string; executionArn: string };
    if (response.status !== 202) throw new Error(`POST /orders answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  };
  const waitForEnd = async (orderId: string, timeoutMs = 20_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const response = await fetch(`${stack.url}/_local/executions/${orderId}`);
      if (response.ok) {
        const { status } = (await response.json()) as { status: string };
        if (status !== 'RUNNING') return status;
      }
      await sleep(50);
    }
    throw new Error(`Execution of order ${orderId} did not end within ${timeoutMs} ms`);
  };
  const stop = async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { stack, placeOrder, waitForEnd, stop };
};
