/** Keyset cursors for the executions list: opaque to the browser, checked when they come back. */
import { ConsoleQueryError } from './backend';

export interface CursorPosition {
  startedAt: string;
  /** Tie-breaker among executions started in the same millisecond. */
  key: string;
}

export const encodeCursor = (position: CursorPosition): string => Buffer.from(JSON.stringify([position.startedAt, position.key])).toString('base64url');

export const decodeCursor = (cursor: string): CursorPosition => {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') return { startedAt: value[0], key: value[1] };
  } catch {
    // reported below
  }
  throw new ConsoleQueryError('cursor is not one this console handed out', 'cursor');
};
