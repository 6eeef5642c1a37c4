/**
 * The local stack's data directory holds customers' emails, addresses and payment tokens (SQLite, the
 * notifications outbox) and the API key: it and everything in it are for the user who runs the stack only.
 * Modes are set explicitly (not left to the umask), and corrected on a directory or file an older version
 * created readable by others.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';

const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and its parents) if missing; `dir` itself ends up 0700. */
export const ensurePrivateDir = (dir: string): void => {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
};

/**
 * Creates `file` empty if missing; it ends up 0600. SQLite gives its -wal and -shm files the mode of the database
 * file, so creating local.db this way covers them too.
 */
export const ensurePrivateFile = (file: string): void => {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
};
