/**
 * One log line for people. Powertools writes JSON (`level`, `message`, `orderId`, `error`…), Lambda's JSON log
 * format adds platform records (`type: platform.report`); anything else (START/END/REPORT) is printed as it is.
 */
import type { LogLine } from '../sources/source';
import { formatTimeOfDay, plain, type Style } from './format';

const CONTEXT_KEYS = ['orderId', 'executionArn', 'status', 'outcome'] as const;

const parse = (message: string): Record<string, unknown> | undefined => {
  if (!message.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(message) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

const errorText = (error: unknown): string | undefined => {
  if (typeof error === 'string') return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, message } = error as { name?: unknown; message?: unknown };
  return [name, message].filter((part) => typeof part === 'string').join(': ') || undefined;
};

export const parseLogMessage = (message: string): { level?: string; text: string; context: string[] } => {
  const record = parse(message);
  if (!record) return { text: message, context: [] };
  if (typeof record.type === 'string' && record.type.startsWith('platform.')) {
    return { level: 'PLATFORM', text: `${record.type} ${JSON.stringify(record.record ?? {})}`, context: [] };
  }
  const context = CONTEXT_KEYS.filter((key) => record[key] !== undefined).map((key) => `${key}=${String(record[key])}`);
  const error = errorText(record.error);
  if (error) context.push(`error=${error}`);
  return {
    ...(typeof record.level === 'string' && { level: record.level }),
    text: typeof record.message === 'string' ? record.message : message,
    context,
  };
};

export const renderLogLine = (line: LogLine, width: number, style: Style = plain): string => {
  const { level, text, context } = parseLogMessage(line.message);
  const levelText = (level ?? '').padEnd(5);
  const coloured = level === 'ERROR' ? style.red(levelText) : level === 'WARN' ? style.yellow(levelText) : style.dim(levelText);
  const parts = [style.dim(formatTimeOfDay(line.timestamp)), line.source.padEnd(width), coloured, text, ...context.map(style.dim)];
  return `${parts.join('  ').trimEnd()}\n`;
};
