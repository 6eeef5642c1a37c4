/** Formatting helpers of the text views. */
import { formatDuration, formatPercent, oneLine, colors, styleFor, plain } from '../../../src/cli/render/format';
import { renderTable, visibleLength } from '../../../src/cli/render/table';
import { parseLogMessage } from '../../../src/cli/render/log-text';

test('durations read naturally at every scale', () => {
  expect([formatDuration(undefined), formatDuration(12.4), formatDuration(1234), formatDuration(61_000), formatDuration(3_725_000)]).toEqual([
    '—',
    '12 ms',
    '1.23 s',
    '1m 01s',
    '1h 02m',
  ]);
  expect([formatPercent(null), formatPercent(0.4615)]).toEqual(['—', '46.2%']);
  expect(oneLine('a\n  b', 10)).toBe('a b');
  expect(oneLine('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
});

test('tables align on visible width, so coloured cells line up with plain ones', () => {
  const lines = renderTable([{ header: 'NAME' }, { header: 'N', align: 'right' }, { header: 'NOTE' }], [
    [colors.red('✗ bad'), '10', 'x'],
    ['ok', '2', ''],
  ]);
  expect(lines.map((line) => line.replace(/\u001b\[[0-9;]*m/g, ''))).toEqual(['NAME    N  NOTE', '✗ bad  10  x', 'ok      2']);
  expect(visibleLength(colors.red('✗'))).toBe(1);
});

test('colour only on a terminal without NO_COLOR', () => {
  expect(styleFor(true, {})).toBe(colors);
  expect(styleFor(true, { NO_COLOR: '1' })).toBe(plain);
  expect(styleFor(false, {})).toBe(plain);
});

test('log lines: Powertools JSON, Lambda platform records, plain text', () => {
  expect(parseLogMessage('{"level":"ERROR","message":"boom","orderId":"o","error":{"name":"E","message":"m"}}')).toEqual({
    level: 'ERROR',
    text: 'boom',
    context: ['orderId=o', 'error=E: m'],
  });
  expect(parseLogMessage('{"time":"t","type":"platform.report","record":{"metrics":{"durationMs":3}}}')).toEqual({
    level: 'PLATFORM',
    text: 'platform.report {"metrics":{"durationMs":3}}',
    context: [],
  });
  expect(parseLogMessage('END RequestId: 1')).toEqual({ text: 'END RequestId: 1', context: [] });
});
