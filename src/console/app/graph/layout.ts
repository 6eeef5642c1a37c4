/** Positions for an AslGraph from dagre (compound graph: Parallel branches are clusters). */
import { graphlib, layout } from '@dagrejs/dagre';
import type { AslGraph, GraphEdge } from './asl-graph';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge extends GraphEdge {
  points: { x: number; y: number }[];
  labelAt?: { x: number; y: number };
}

export interface GraphLayout {
  width: number;
  height: number;
  states: Map<string, Box>;
  groups: Map<string, Box>;
  edges: PlacedEdge[];
}

const CHAR_PX = 7.2;
const NODE_HEIGHT = 46;
const LABEL_LIMIT = 34;

export const shortLabel = (text: string): string => (text.length > LABEL_LIMIT ? `${text.slice(0, LABEL_LIMIT - 1)}…` : text);

export const layoutGraph = (graph: AslGraph): GraphLayout => {
  const g = new graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 46, edgesep: 12, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const group of graph.groups) {
    g.setNode(group.id, { label: group.label, paddingTop: 24 });
    if (group.parent) g.setParent(group.id, group.parent);
  }
  for (const state of graph.states) {
    g.setNode(state.id, { width: Math.max(120, (state.id.length + 4) * CHAR_PX + 24), height: NODE_HEIGHT });
    if (state.parent) g.setParent(state.id, state.parent);
  }
  graph.edges.forEach((edge, index) => {
    const label = edge.label ? shortLabel(edge.label) : undefined;
    g.setEdge(edge.from, edge.to, label ? { width: label.length * 6.2, height: 14, labelpos: 'c' } : {}, String(index));
  });
  layout(g);
  const box = (id: string): Box => {
    const n = g.node(id) as { x: number; y: number; width: number; height: number };
    return { x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height };
  };
  const edges = graph.edges.map((edge, index): PlacedEdge => {
    const placed = g.edge({ v: edge.from, w: edge.to, name: String(index) }) as { points?: { x: number; y: number }[]; x?: number; y?: number };
    return { ...edge, points: placed.points ?? [], ...(placed.x !== undefined && placed.y !== undefined && { labelAt: { x: placed.x, y: placed.y } }) };
  });
  const size = g.graph() as { width?: number; height?: number };
  return {
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    states: new Map(graph.states.map((s) => [s.id, box(s.id)])),
    groups: new Map(graph.groups.map((gr) => [gr.id, box(gr.id)])),
    edges,
  };
};
