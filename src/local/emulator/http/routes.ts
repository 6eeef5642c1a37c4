/** Matches request paths to the API's resources as API Gateway does: literal segments first, `{param}`, `{proxy+}`. */
import type { ApiRoute } from '../template/local-model';

export interface RouteMatch {
  resourcePath: string;
  /** Routes of the matched resource, by method. */
  routes: ApiRoute[];
  pathParameters: Record<string, string>;
}

type Segment = { literal: string } | { param: string; greedy: boolean };

const parse = (path: string): Segment[] =>
  path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      const m = /^\{([^}+]+)(\+)?\}$/.exec(s);
      return m ? { param: m[1] as string, greedy: Boolean(m[2]) } : { literal: s };
    });

/** Literal segments outrank parameters, which outrank a greedy tail. */
const specificity = (segments: Segment[]): number[] => segments.map((s) => ('literal' in s ? 2 : s.greedy ? 0 : 1));

const matchSegments = (pattern: Segment[], parts: string[]): Record<string, string> | undefined => {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const seg = pattern[i] as Segment;
    if ('literal' in seg) {
      if (parts[i] !== seg.literal) return undefined;
      continue;
    }
    if (seg.greedy) {
      if (i >= parts.length) return undefined;
      params[seg.param] = parts.slice(i).join('/');
      return params;
    }
    if (parts[i] === undefined) return undefined;
    params[seg.param] = parts[i] as string;
  }
  return pattern.length === parts.length ? params : undefined;
};

export class RouteTable {
  private readonly resources: { path: string; segments: Segment[]; routes: ApiRoute[] }[];

  constructor(routes: readonly ApiRoute[]) {
    const byPath = new Map<string, ApiRoute[]>();
    for (const r of routes) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
    this.resources = [...byPath.entries()]
      .map(([path, rs]) => ({ path, segments: parse(path), routes: rs }))
      .sort((a, b) => {
        const sa = specificity(a.segments);
        const sb = specificity(b.segments);
        for (let i = 0; i < Math.max(sa.length, sb.length); i++) if ((sa[i] ?? -1) !== (sb[i] ?? -1)) return (sb[i] ?? -1) - (sa[i] ?? -1);
        return 0;
      });
  }

  match(path: string): RouteMatch | undefined {
    const parts = path.split('/').filter(Boolean).map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
    for (const resource of this.resources) {
      const params = matchSegments(resource.segments, parts);
      if (params) return { resourcePath: resource.path, routes: resource.routes, pathParameters: params };
    }
    return undefined;
  }
}

export const routeFor = (match: RouteMatch, method: string): ApiRoute | undefined =>
  match.routes.find((r) => r.method === method) ?? match.routes.find((r) => r.method === 'ANY');
