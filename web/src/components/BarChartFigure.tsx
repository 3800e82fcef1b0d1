import { useEffect, useRef, useState } from 'preact/hooks';
import type { BarChartSpec } from '../lists/charts';
import { formatNumber } from '../format';
import { useT } from '../i18n';
import { TableRegion } from './TableRegion';

interface Props {
  id: string;
  title: string;
  /** A sentence that says what the chart shows, for screen readers (the table has the numbers). */
  summary: string;
  spec: BarChartSpec;
  /** Column headings of the table: the label column, then one per series. */
  labelHeading: string;
  height?: number;
  /**
   * Draws something else than bars on the canvas (a map): resolves with a function that removes
   * it. The table is the same.
   */
  draw?: (canvas: HTMLCanvasElement) => Promise<() => void>;
}

// A chart with its data table below: the table is the source of truth (screen readers, copying,
// printing); the canvas is an image of it with role="img" and a label.
export function BarChartFigure({ id, title, summary, spec, labelHeading, height = 260, draw }: Props) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  const key = JSON.stringify(spec);

  useEffect(() => {
    let remove: (() => void) | null = null;
    let cancelled = false;
    // Chart.js is loaded only when a chart is first shown.
    const canvas = canvasRef.current;
    if (draw && canvas) {
      draw(canvas).then(
        (removeDrawn) => {
          if (cancelled) removeDrawn();
          else remove = removeDrawn;
        },
        () => setFailed(true),
      );
    } else {
      import('../lists/charts').then(
        ({ drawBarChart }) => {
          if (!cancelled && canvasRef.current) remove = drawBarChart(canvasRef.current, spec);
        },
        () => setFailed(true),
      );
    }
    return () => {
      cancelled = true;
      remove?.();
    };
  }, [key]);

  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {!failed && (
        <div class="chart-canvas" style={{ height: `${String(height)}px` }}>
          <canvas ref={canvasRef} role="img" aria-label={`${title}. ${summary}`} />
        </div>
      )}
      {failed && <p class="notice notice-info">{t('stats.chartFailed')}</p>}
      <TableRegion name={title}>
        <table class="chart-data" id={`${id}-table`}>
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeading}</th>
              {spec.series.map((s) => (
                <th scope="col" class="num" key={s.label}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {spec.labels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {spec.series.map((s) => (
                  <td class="num" key={s.label}>
                    {s.display?.[i] ?? formatNumber(s.values[i] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </figure>
  );
}
