import { parseLoadOptions } from '../../../src/load/options';

describe('parseLoadOptions', () => {
  it('defaults to 2,000 local orders at concurrency 50 with the standard mix and a tenth as many quotes', () => {
    const options = parseLoadOptions([], {});

    expect(options).toMatchObject({ orders: 2000, concurrency: 50, target: 'local', seed: 1, quotes: 200, timeScale: 0.01, timeoutSeconds: 120 });
    expect(options.mix.success).toBeCloseTo(0.7, 9);
  });

  it('reads every option', () => {
    const options = parseLoadOptions(
      ['--orders', '10', '--concurrency', '3', '--target', 'https://abc.execute-api.us-east-1.amazonaws.com/prod', '--api-key', 'k', '--mix', 'success=1', '--seed', '9', '--quotes', '0', '--json', 'out.json', '--time-scale', '0.5'],
      {},
    );

    expect(options).toMatchObject({ orders: 10, concurrency: 3, apiKey: 'k', seed: 9, quotes: 0, jsonPath: 'out.json', timeScale: 0.5 });
    expect(String(options.target)).toBe('https://abc.execute-api.us-east-1.amazonaws.com/prod/');
    expect(options.mix).toEqual({ success: 1, decline: 0, oos: 0, invalid: 0 });
  });

  it('takes the API key of a remote target from ORDERS_API_KEY, and LOCAL_TIME_SCALE for the default scale', () => {
    expect(parseLoadOptions(['--target', 'http://127.0.0.1:3000'], { ORDERS_API_KEY: 'from-env', LOCAL_TIME_SCALE: '0.1' })).toMatchObject({ apiKey: 'from-env', timeScale: 0.1 });
  });

  it.each([
    [['--orders', '0'], '--orders must be an integer >= 1'],
    [['--concurrency', '2.5'], '--concurrency must be an integer >= 1'],
    [['--target', 'ftp://x'], '--target must be "local" or an http(s) URL'],
    [['--target', 'https://api.example.com'], '--api-key (or ORDERS_API_KEY) is required'],
    [['--time-scale', '0'], '--time-scale must be a number > 0'],
    [['--nope'], "Unknown option '--nope'"],
  ])('rejects %j', (argv, message) => {
    expect(() => parseLoadOptions(argv as string[], {})).toThrow(message);
  });
});
