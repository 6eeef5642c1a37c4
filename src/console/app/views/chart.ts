/** A uPlot line chart; the same numbers are in a table next to it, for screen readers and copying. */
import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface ChartSeries {
  label: string;
  values: number[];
  stroke: string;
}

export const Chart = ({ title, x, series, height = 220 }: { title: string; x: number[]; series: ChartSeries[]; height?: number }) => {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth || 640),
        height,
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: 2 }))],
        axes: [{}, { label: 'executions' }],
      },
      [x.map((t) => t / 1000), ...series.map((s) => s.values)],
      el,
    );
    return () => plot.destroy();
  }, [JSON.stringify([x, series])]);
  return html`<figure class="chart"><figcaption>${title}</figcaption><div ref=${box} aria-hidden="true"></div></figure>`;
};
