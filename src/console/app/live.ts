/**
 * Live data: one long poll per page (GET /console/api/changes?since=v) that answers when executions change;
 * every view that shows live data refetches then. No timer polls the server.
 */
import { useEffect, useState } from 'preact/hooks';
import { getJson, query } from './api';

type Listener = (version: string) => void;
const listeners = new Set<Listener>();
let running = false;

const loop = async (): Promise<void> => {
  running = true;
  let version: string | undefined;
  while (listeners.size > 0) {
    try {
      const answer = await getJson<{ version: string }>(`/console/api/changes${query({ since: version })}`);
      if (answer.version !== version) {
        const first = version === undefined;
        version = answer.version;
        if (!first) for (const listener of [...listeners]) listener(version);
      }
    } catch {
      // The stack is restarting or gone: wait a little before asking again.
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  running = false;
};

/** A number that increases whenever the stack's executions change. */
export const useLiveVersion = (): number => {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((t) => t + 1);
    listeners.add(listener);
    if (!running) void loop();
    return () => void listeners.delete(listener);
  }, []);
  return tick;
};

export interface Loaded<T> {
  data?: T;
  error?: string;
  loading: boolean;
}

/** Fetches `path` now, when it changes, and (when `live`) whenever the stack's data changes. */
export const useData = <T>(path: string | undefined, live = true): Loaded<T> & { reload: () => void } => {
  const version = useLiveVersion();
  const [manual, setManual] = useState(0);
  const [state, setState] = useState<Loaded<T>>({ loading: true });
  const trigger = live ? version : 0;
  useEffect(() => {
    if (!path) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    getJson<T>(path, controller.signal).then(
      (data) => {
        // For `npm run bench:console`: the graph's draw time is measured from here.
        performance.mark('console:data-arrived');
        setState({ data, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ error: error instanceof Error ? error.message : String(error), loading: false });
      },
    );
    return () => controller.abort();
  }, [path, trigger, manual]);
  return { ...state, reload: () => setManual((m) => m + 1) };
};
