// Chart.js, tree-shaken: only the bar and line controllers this UI draws are registered. This
// module is loaded on demand (dynamic import) by the statistics screen, so the main bundle stays
// small. Every chart is drawn next to a data table, which is the accessible source of truth.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

import { uiLocale } from '../format';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

interface BarSeries {
  label: string;
  values: number[];
  colour: string;
  /** What the data table shows instead of the values (e.g. "<11" for a suppressed count). */
  display?: string[];
}

export interface BarChartSpec {
  labels: string[];
  series: BarSeries[];
  stacked?: boolean;
  horizontal?: boolean;
}

/** Draws (or redraws) a bar chart on `canvas`; returns a function that removes it. */
export function drawBarChart(canvas: HTMLCanvasElement, spec: BarChartSpec): () => void {
  // Right-to-left languages read the chart mirrored: the value axis on the right, time and bars
  // running leftwards, the legend and tooltips right to left.
  const rtl = canvas.ownerDocument.documentElement.dir === 'rtl';
  const config: ChartConfiguration<'bar', number[], string> = {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({
        label: s.label,
        data: s.values,
        backgroundColor: s.colour,
        borderWidth: 0,
      })),
    },
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      locale: uiLocale(), // numbers on the axes as the UI language writes them
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: spec.series.length > 1, rtl, textDirection: rtl ? 'rtl' : 'ltr' },
        tooltip: { rtl, textDirection: rtl ? 'rtl' : 'ltr' },
      },
      scales: {
        x: { stacked: spec.stacked ?? false, beginAtZero: true, reverse: rtl },
        y: {
          stacked: spec.stacked ?? false,
          beginAtZero: true,
          ticks: { precision: 0 },
          position: rtl ? 'right' : 'left',
        },
      },
    },
  };
  const chart = new Chart(canvas, config);
  return () => chart.destroy();
}
