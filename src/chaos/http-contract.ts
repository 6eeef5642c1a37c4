/**
 * What the clients saw: a schema-valid body gets 202 (a repeat with the same key gets the same order), a
 * schema-invalid one a 400 with field errors, and nothing gets a 5xx — unless the run injects faults into
 * CreateOrder itself, where API Gateway's 502 is the truthful answer: a keyed client's retry must then converge on
 * one order, and a schema-invalid body (CreateOrder validates it) gets either its 400 or a 5xx, never anything else;
 * it may end on the 5xx only when its client does not retry (no key) or ran out of retries.
 */
import { InvariantBuilder, type InvariantResult } from './invariant-result';
import type { AcceptedRequest } from './invariants';
import { RETRIES_AFTER_5XX, type RequestRecord } from './client';

export const acceptedRequests = (records: readonly RequestRecord[]): AcceptedRequest[] =>
  records.flatMap((r) =>
    r.answers
      .filter((a) => a.status === 202 && a.orderId)
      .map((a) => ({ orderId: a.orderId as string, ...(r.request.idempotencyKey ? { idempotencyKey: r.request.idempotencyKey } : {}) })),
  );

const serverSide = (status: number): boolean => status === 0 || status >= 500;

/** Requests whose every answer was a 5xx (or no answer): the client cannot know whether an order was stored. */
export const unanswered = (records: readonly RequestRecord[]): number => records.filter((r) => r.answers.every((a) => serverSide(a.status))).length;

export const checkHttpContract = (records: readonly RequestRecord[], createOrderFaults: boolean): InvariantResult => {
  const check = new InvariantBuilder(
    'http-contract',
    'Valid bodies are accepted (202), schema-invalid ones get 400 with field errors, and no request ends on a 5xx (retries with the key included).',
    ['requests', 'posts', 'accepted', 'badRequest', 'serverErrors', 'retriedAfterServerError'],
  );
  for (const r of records) {
    check.count('requests').count('posts', r.answers.length);
    const last = r.answers.at(-1);
    for (const a of r.answers) {
      if (a.status === 202) check.count('accepted');
      if (a.status === 400) check.count('badRequest');
      if (serverSide(a.status)) check.count('serverErrors');
    }
    if (r.answers.length > r.request.sends) check.count('retriedAfterServerError', r.answers.length - r.request.sends);
    const id = `request #${r.request.index} (${r.request.intent})`;
    if (r.request.intent === 'schema-invalid') {
      // CreateOrder validates the body itself, so a fault injected into it can answer 502 instead of the 400.
      const fieldErrors = (a: (typeof r.answers)[number]): boolean => a.status === 400 && Array.isArray(a.errors) && a.errors.length > 0;
      const truthful = r.answers.every((a) => fieldErrors(a) || (createOrderFaults && serverSide(a.status)));
      const trailingServerErrors = r.answers.length - 1 - r.answers.findLastIndex((a) => !serverSide(a.status));
      const gaveUp = !r.request.idempotencyKey || trailingServerErrors > RETRIES_AFTER_5XX;
      if (!truthful || !last || (serverSide(last.status) && !gaveUp)) {
        check.violate({ message: `${id}: schema-invalid body answered ${r.answers.map((a) => a.status).join(', ')}` });
      }
      continue;
    }
    if (last?.status === 202) continue;
    // With faults in CreateOrder itself, a keyless client gets its 502 and a keyed one may run out of retries.
    if (createOrderFaults && last && serverSide(last.status)) continue;
    check.violate({ message: `${id}: valid body answered ${r.answers.map((a) => a.status).join(', ')}` });
  }
  return check.result();
};
