/**
 * This application's tables in the local stack's SQLite file. Orders keep the whole Order as JSON (as the
 * DynamoDB item does) plus the columns that queries need.
 */
import { LocalDatabase } from '../emulator/store/database';

export const ORDER_SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  order_id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  item TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_by_status ON orders (status, created_at);
CREATE INDEX IF NOT EXISTS orders_by_created ON orders (created_at);

CREATE TABLE IF NOT EXISTS inventory (
  product_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  unit_price REAL NOT NULL,
  available INTEGER NOT NULL CHECK (available >= 0),
  reserved INTEGER NOT NULL CHECK (reserved >= 0),
  sold INTEGER NOT NULL CHECK (sold >= 0)
);

CREATE TABLE IF NOT EXISTS idempotency (
  idempotency_key TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  order_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS payment_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('CHARGE', 'REFUND')),
  payment_id TEXT NOT NULL,
  amount REAL NOT NULL,
  currency TEXT NOT NULL,
  reason TEXT,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS payment_events_by_order ON payment_events (order_id);
`;

/** The local stack's database with this application's tables. */
export const openOrderDatabase = (dataDir: string): LocalDatabase => new LocalDatabase(dataDir, [ORDER_SCHEMA]);
