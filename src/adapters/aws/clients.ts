/**
 * AWS SDK clients, built once per container on first use. Each getter is a separate export marked pure, so a
 * function bundle keeps only the clients it touches; only the services a Lambda function calls have one (no
 * function calls SQS or CloudWatch through the SDK: Step Functions sends the payment messages, Powertools writes
 * metrics as EMF logs). The `make*` factories take an `endpoint` so tests and the CLI
 * can point a client at moto or another stand-in; without one the SDK's own configuration applies (region,
 * credentials and `AWS_ENDPOINT_URL` from the environment).
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What callers may override; everything else comes from the SDK's default configuration chain. */
export interface AwsClientOptions {
  endpoint?: string;
  region?: string;
  credentials?: DynamoDBClientConfig['credentials'];
}

const once = <T>(build: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= build());
};

/** Document client that drops `undefined` fields, so optional order fields need no cleaning before a write. */
export const makeDocumentClient = (options: AwsClientOptions = {}): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(new DynamoDBClient(options), { marshallOptions: { removeUndefinedValues: true } });
export const makeSfnClient = (options: AwsClientOptions = {}): SFNClient => new SFNClient(options);
export const makeSnsClient = (options: AwsClientOptions = {}): SNSClient => new SNSClient(options);
export const makeSqsClient = (options: AwsClientOptions = {}): SQSClient => new SQSClient(options);
export const makeCloudWatchClient = (options: AwsClientOptions = {}): CloudWatchClient => new CloudWatchClient(options);

export const documentClient = /* @__PURE__ */ once(() => makeDocumentClient());
export const sfnClient = /* @__PURE__ */ once(() => makeSfnClient());
export const snsClient = /* @__PURE__ */ once(() => makeSnsClient());
