/**
 * The local stack's tables. Orders keep the whole Order as JSON (as the DynamoDB item does) plus the columns
 * that queries need; the rest mirror what the AWS services would hold (queue messages, executions, outbox).
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

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

CREATE TABLE IF NOT EXISTS executions (
  execution_arn TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  state_machine_arn TEXT NOT NULL,
  status TEXT NOT NULL,
  input TEXT NOT NULL,
  output TEXT,
  error TEXT,
  cause TEXT,
  start_date TEXT NOT NULL,
  stop_date TEXT
);
CREATE INDEX IF NOT EXISTS executions_by_start ON executions (start_date);
CREATE INDEX IF NOT EXISTS executions_by_status ON executions (status);

CREATE TABLE IF NOT EXISTS execution_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  execution_arn TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  type TEXT NOT NULL,
  state_name TEXT,
  details TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS execution_events_by_execution ON execution_events (execution_arn, seq);

CREATE TABLE IF NOT EXISTS queue_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL UNIQUE,
  queue TEXT NOT NULL,
  body TEXT NOT NULL,
  message_attributes TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  visible_at INTEGER NOT NULL,
  receive_count INTEGER NOT NULL DEFAULT 0,
  first_received_at INTEGER,
  receipt_handle TEXT,
  source_queue TEXT
);
CREATE INDEX IF NOT EXISTS queue_messages_by_queue ON queue_messages (queue, visible_at, seq);

CREATE TABLE IF NOT EXISTS notifications (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL,
  topic_arn TEXT NOT NULL,
  subject TEXT,
  message TEXT NOT NULL,
  message_attributes TEXT NOT NULL,
  deliveries TEXT NOT NULL,
  published_at TEXT NOT NULL
);

-- The functions' log lines (src/local/logs/): the newest 50,000 are kept.
CREATE TABLE IF NOT EXISTS logs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  timestamp INTEGER NOT NULL,
  function TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS logs_by_time ON logs (timestamp);
`;
