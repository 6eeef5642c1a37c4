/** Small formatters shared by the text views. */

export const formatDuration = (ms: number | undefined): string => {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return minutes < 60 ? `${minutes}m ${String(seconds).padStart(2, '0')}s` : `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
};

export const formatPercent = (ratio: number | null | undefined): string =>
  ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(1)}%`;

/** `2025-11-22 00:31:02.123Z`: ISO, readable, still sortable and unambiguous. */
export const formatTimestamp = (ms: number | undefined): string =>
  ms === undefined ? '—' : new Date(ms).toISOString().replace('T', ' ');

/** `00:31:02.123`: time of day only, for rows within one execution. */
export const formatTimeOfDay = (ms: number): string => new Date(ms).toISOString().slice(11, 23);

export const formatOffset = (ms: number): string => `+${formatDuration(ms)}`;

/** Collapses whitespace and cuts long text with an ellipsis, for one-line cells. */
export const oneLine = (text: string, max = 120): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

export interface Style {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

const paint = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;

export const colors: Style = { red: paint('31'), green: paint('32'), yellow: paint('33'), bold: paint('1'), dim: paint('2') };
const identity = (text: string): string => text;
export const plain: Style = { red: identity, green: identity, yellow: identity, bold: identity, dim: identity };

/** Colour for terminals only, and never when NO_COLOR is set (https://no-color.org). */
export const styleFor = (isTTY: boolean, env: NodeJS.ProcessEnv): Style =>
  isTTY && !env.NO_COLOR && env.TERM !== 'dumb' ? colors : plain;
