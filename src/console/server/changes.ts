/**
 * Live updates by long polling: `GET /console/api/changes?since=<version>` answers as soon as the backend's
 * version differs from `since`, or after WAIT_MS with the same version. One request per open page at a time, and
 * the server checks the version on one shared timer only while someone waits — no polling storm. (Chosen over
 * server-sent events because the stack's request handler answers whole responses, and a long poll keeps every
 * request inside it, under the same Host/Origin checks.)
 */
const WAIT_MS = 20_000;
const CHECK_MS = 200;

interface Waiter {
  since: string;
  deadline: number;
  resolve(version: string): void;
}

export class ChangeFeed {
  private readonly waiters = new Set<Waiter>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly version: () => Promise<string>) {}

  async next(since: string | undefined, waitMs = WAIT_MS): Promise<string> {
    const current = await this.version();
    if (this.closed || since === undefined || since !== current) return current;
    return new Promise((resolve) => {
      this.waiters.add({ since, deadline: Date.now() + waitMs, resolve });
      this.timer ??= setInterval(() => void this.check(), CHECK_MS);
    });
  }

  /** Answers every waiter now (the server is stopping). */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters) waiter.resolve(waiter.since);
    this.waiters.clear();
    this.stopTimer();
  }

  private async check(): Promise<void> {
    const current = await this.version().catch(() => undefined);
    const now = Date.now();
    for (const waiter of [...this.waiters]) {
      if ((current !== undefined && current !== waiter.since) || now >= waiter.deadline) {
        this.waiters.delete(waiter);
        waiter.resolve(current ?? waiter.since);
      }
    }
    if (this.waiters.size === 0) this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
