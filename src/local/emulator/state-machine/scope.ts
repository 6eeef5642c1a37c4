/**
 * A cancellation scope: the execution, a Parallel state's run, one branch. Cancelling a scope cancels its
 * children and runs its cleanups at once (synchronously), so nothing inside it can start after the moment
 * it was cancelled: that is how a failed branch stops its siblings and an ended execution kills its tokens.
 */
export class Scope {
  private reason: string | undefined;
  private readonly children = new Set<Scope>();
  private readonly cleanups = new Set<(reason: string) => void>();

  constructor(private readonly parent?: Scope) {
    parent?.children.add(this);
  }

  child(): Scope {
    return new Scope(this);
  }

  /** Why this scope (or an enclosing one) was cancelled, if it was. */
  get cancelledBecause(): string | undefined {
    return this.reason ?? this.parent?.cancelledBecause;
  }

  /** Registers a cleanup run on cancel; returns a function that unregisters it. */
  onCancel(cleanup: (reason: string) => void): () => void {
    const reason = this.cancelledBecause;
    if (reason !== undefined) {
      cleanup(reason);
      return () => undefined;
    }
    this.cleanups.add(cleanup);
    return () => this.cleanups.delete(cleanup);
  }

  cancel(reason: string): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    for (const child of [...this.children]) child.cancel(reason);
    for (const cleanup of [...this.cleanups]) cleanup(reason);
    this.cleanups.clear();
    this.detach();
  }

  /** Forgets a scope that finished normally. */
  detach(): void {
    this.parent?.children.delete(this);
  }
}
