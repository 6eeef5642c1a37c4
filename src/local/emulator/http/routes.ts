/** Matches request paths to the API's resources as API Gateway does: literal segments first, `{param}`, `{proxy+}`. */
import type { ApiRoute } from '../template/local-model';

export interface RouteMatch {
  resourcePath: string;
  /** Routes of the matched resource, by method. */
  routes: ApiRoute[];
  pathParameters: Record<string, string>;
}

/** A segment of a resource path, ranked: a literal (2) outranks a `{param}` (1), which outranks a `{proxy+}` tail (0). */
type Segment = { rank: 2; literal: string } | { rank: 1 | 0; param: string };

const parse = (path: string): Segment[] =>
  path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      const m = /^\{([^}+]+)(\+)?\}$/.exec(s);
      return m ? { rank: m[2] ? 0 : 1, param: m[1] as string } : { rank: 2, literal: s };
    });

const matchSegments = (pattern: Segment[], parts: string[]): Record<string, string> | undefined => {
  const params: Record<string, string> = {};
  for (const [i, seg] of pattern.entries()) {
    const part = parts[i];
    if (part === undefined || ('literal' in seg && part !== seg.literal)) return undefined;
    // A greedy tail takes the rest of the path (at least one segment).
    if ('param' in seg) params[seg.param] = seg.rank === 0 ? parts.slice(i).join('/') : part;
    if (seg.rank === 0) return params;
  }
  return pattern.length === parts.length ? params : undefined;
};

/** Segment by segment, the higher rank first; a longer path outranks its own prefix. */
const bySpecificity = (a: Segment[], b: Segment[]): number => {
  const rank = (segments: Segment[], i: number): number => segments[i]?.rank ?? -1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (rank(a, i) !== rank(b, i)) return rank(b, i) - rank(a, i);
  return 0;
};

const decodeSegment = (part: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};

/** The resource that a request path matches, the most specific first, with its path parameters. */
export const routeTable = (routes: readonly ApiRoute[]): ((path: string) => RouteMatch | undefined) => {
  const resources = [...Map.groupBy(routes, (r) => r.path)].map(([path, rs]) => ({ path, segments: parse(path), routes: rs }));
  resources.sort((a, b) => bySpecificity(a.segments, b.segments));
  return (path) => {
    const parts = path.split('/').filter(Boolean).map(decodeSegment);
    for (const resource of resources) {
      const params = matchSegments(resource.segments, parts);
      if (params) return { resourcePath: resource.path, routes: resource.routes, pathParameters: params };
    }
    return undefined;
  };
};

export const routeFor = (match: RouteMatch, method: string): ApiRoute | undefined =>
  match.routes.find((r) => r.method === method) ?? match.routes.find((r) => r.method === 'ANY');
