/** Aligned text columns. Widths ignore ANSI colour codes so coloured cells line up with plain ones. */
import { stripVTControlCharacters } from 'node:util';

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

export const visibleLength = (text: string): number => [...stripVTControlCharacters(text)].length;

const pad = (text: string, width: number, align: 'left' | 'right'): string => {
  const gap = ' '.repeat(Math.max(0, width - visibleLength(text)));
  return align === 'right' ? gap + text : text + gap;
};

/** Rows of cells under a header; the last column is not padded, so long text does not leave trailing spaces. */
export const renderTable = (columns: readonly Column[], rows: readonly (readonly string[])[], indent = ''): string[] => {
  const widths = columns.map((column, index) => Math.max(visibleLength(column.header), ...rows.map((row) => visibleLength(row[index] ?? ''))));
  const line = (cells: readonly string[]): string =>
    indent +
    columns
      .map((column, index) => {
        const cell = cells[index] ?? '';
        return index === columns.length - 1 && column.align !== 'right' ? cell : pad(cell, widths[index] ?? 0, column.align ?? 'left');
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), ...rows.map(line)];
};
