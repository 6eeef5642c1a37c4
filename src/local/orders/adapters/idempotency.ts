/** IdempotencyStore on SQLite: a claim is an insert that fails on an unexpired key, like a conditional put. */
import type { IdempotencyRecord, IdempotencyStore } from '../../../domain/ports';
import type { LocalDatabase } from '../../emulator/store/database';

export class SqliteIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db: LocalDatabase,
    private readonly now: () => Date,
  ) {}

  async claim(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    return this.db.transaction(() => {
      const existing = this.db.get<Omit<IdempotencyRecord, 'key'>>(
        'SELECT fingerprint, order_id AS orderId, expires_at AS expiresAt FROM idempotency WHERE idempotency_key = $key',
        { key: record.key },
      );
      // An expired record is as good as gone (DynamoDB TTL deletes it eventually; the condition ignores it).
      if (existing && existing.expiresAt > nowSeconds) return { key: record.key, ...existing };
      this.db.run(
        `INSERT INTO idempotency (idempotency_key, fingerprint, order_id, expires_at) VALUES ($key, $fp, $orderId, $exp)
         ON CONFLICT (idempotency_key) DO UPDATE SET fingerprint = $fp, order_id = $orderId, expires_at = $exp`,
        { key: record.key, fp: record.fingerprint, orderId: record.orderId, exp: record.expiresAt },
      );
      return undefined;
    });
  }
}
