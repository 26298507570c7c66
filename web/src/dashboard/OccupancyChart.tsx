import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useI18n } from '../i18n/index.js';
import type { OccupancyPoint } from './useLiveEvent.js';

const HEIGHT = 220;
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const clockSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** 24-hour tick labels; seconds only when the ticks are less than a minute apart (the first minutes of a night). */
const timeTicks = (_u: uPlot, splits: number[]) => {
  const format = splits.length > 1 && splits[1]! - splits[0]! < 60 ? clockSeconds : clock;
  return splits.map((s) => format.format(new Date(s * 1000)));
};

/** Chart data: x in seconds, people inside, and the capacity as a flat line. */
function toData(points: OccupancyPoint[], capacity: number | null): uPlot.AlignedData {
  const sorted = points.slice().sort((a, b) => a.at - b.at);
  const xs = sorted.map((p) => p.at / 1000);
  return [xs, sorted.map((p) => p.inside), sorted.map(() => capacity)];
}

function options(width: number, capacity: number | null): uPlot.Options {
  const axis = { stroke: '#9c9cb6', grid: { stroke: '#26263a', width: 1 }, ticks: { stroke: '#26263a', width: 1 } };
  return {
    width, height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 8 } },
    scales: {
      x: { time: true },
      y: { range: (_u, _min, max) => [0, Math.max(10, capacity ?? 0, max) * 1.08] },
    },
    axes: [
      { ...axis, values: timeTicks, space: 64 },
      { ...axis, size: 44 },
    ],
    series: [
      {},
      { label: 'Inside', stroke: '#ff2e88', width: 2.5, fill: 'rgba(255, 46, 136, 0.18)', stepped: { align: 1 } } as uPlot.Series,
      { label: 'Capacity', stroke: '#f5a524', width: 1.5, dash: [6, 6], points: { show: false } },
    ],
  };
}

/** People inside over the night against capacity; history from /occupancy, then one point per live stats message. */
export function OccupancyChart({ points, capacity }: { points: OccupancyPoint[]; capacity: number | null }) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);

  useEffect(() => {
    const element = host.current!;
    const plot = new uPlot(options(element.clientWidth || 320, capacity), toData(points, capacity), element);
    chart.current = plot;
    const observer = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: HEIGHT }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
      chart.current = null;
    };
    // The chart is rebuilt only when the capacity line changes; points flow in through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [capacity]);

  useEffect(() => {
    chart.current?.setData(toData(points, capacity));
  }, [points, capacity]);

  const latest = points.at(-1);
  return (
    <section className="panel occupancy" aria-labelledby="occupancy-title">
      <div className="panel-head">
        <h2 id="occupancy-title">{t('occupancy.title')}</h2>
        <span className="muted">{latest ? `${t('occupancy.now', { n: latest.inside })}${capacity ? t('occupancy.cap', { n: capacity }) : ''}` : t('occupancy.none')}</span>
      </div>
      <div ref={host} className="occupancy-chart" data-testid="occupancy-chart" />
    </section>
  );
}
