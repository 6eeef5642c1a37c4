import { stderrProgress, type ProgressStream } from '../../../src/shared/progress';

const recorder = (isTTY: boolean): ProgressStream & { text: () => string } => {
  const chunks: string[] = [];
  return { isTTY, write: (chunk: string) => chunks.push(chunk), text: () => chunks.join('') };
};

describe('stderrProgress', () => {
  it('redraws one line in place on a terminal and ends the phase with a newline', () => {
    const stream = recorder(true);
    const progress = stderrProgress(stream, () => 0);

    progress.start('orders', 3);
    progress.tick(1, '1 accepted');
    progress.tick(2, '3 accepted');
    progress.done();

    expect(stream.text()).toBe('\r\u001b[2Korders: 0/3\r\u001b[2Korders: 1/3 1 accepted\r\u001b[2Korders: 3/3 3 accepted\r\u001b[2Korders: 3/3 3 accepted\n');
  });

  it('prints at most every two seconds off a terminal, and always the final count', () => {
    const stream = recorder(false);
    let clock = 0;
    const progress = stderrProgress(stream, () => clock);

    progress.start('Reading execution histories', 4);
    progress.tick();
    clock = 2500;
    progress.tick();
    progress.tick();
    progress.tick();
    progress.done();

    expect(stream.text()).toBe('Reading execution histories: 2/4\nReading execution histories: 4/4\n');
  });

  it('closes the previous phase when a new one starts, and clears the line for a note', () => {
    const stream = recorder(true);
    const progress = stderrProgress(stream, () => 0);

    progress.start('calibrate', 1);
    progress.tick();
    progress.start('orders');
    progress.note('Tailing logs');

    expect(stream.text()).toContain('calibrate: 1/1\n');
    expect(stream.text()).toMatch(/orders: 0\r\u001b\[2KTailing logs\n$/);
  });
});
