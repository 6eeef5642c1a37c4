/** The shape every invariant check returns, and the small builder the checks share. */

export interface Violation {
  orderId?: string;
  productId?: string;
  messageId?: string;
  message: string;
}

export interface InvariantResult {
  name: string;
  /** What is promised, in one sentence. */
  description: string;
  ok: boolean;
  /** What was looked at, so a green result says how much it covered. */
  counts: Record<string, number>;
  violations: Violation[];
}

/** Collects counts and violations for one invariant. */
export class InvariantBuilder {
  private readonly counts: Record<string, number> = {};
  private readonly violations: Violation[] = [];

  constructor(
    private readonly name: string,
    private readonly description: string,
    countNames: readonly string[] = [],
  ) {
    for (const n of countNames) this.counts[n] = 0;
  }

  count(name: string, by = 1): this {
    this.counts[name] = (this.counts[name] ?? 0) + by;
    return this;
  }

  set(name: string, value: number): this {
    this.counts[name] = value;
    return this;
  }

  violate(violation: Violation): this {
    this.violations.push(violation);
    return this;
  }

  result(): InvariantResult {
    return { name: this.name, description: this.description, ok: this.violations.length === 0, counts: { ...this.counts }, violations: [...this.violations] };
  }
}
