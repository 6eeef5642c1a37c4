/**
 * The emulator's tables: what the AWS services would hold (executions and their history, queue messages, the
 * topic's outbox, function logs). An application adds its own tables with the schemas it passes to LocalDatabase.
 */
export const SCHEMA = `
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

-- The functions' log lines (src/local/emulator/logs/): the newest 50,000 are kept.
CREATE TABLE IF NOT EXISTS logs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  timestamp INTEGER NOT NULL,
  function TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS logs_by_time ON logs (timestamp);
`;
