// The network overview's map by country: a choropleth (chartjs-chart-geo over Natural Earth's
// 1:110m countries from world-atlas). Loaded on demand like lists/charts.ts, so the main bundle
// stays small; the data table beside the map is the accessible source of truth.
import { Chart, Tooltip } from 'chart.js';
import { ChoroplethController, ColorScale, GeoFeature, ProjectionScale, topojson } from 'chartjs-chart-geo';
import countries from 'i18n-iso-countries';
import type { Topology, GeometryCollection } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';

import { formatNumber } from '../format';

Chart.register(ChoroplethController, GeoFeature, ColorScale, ProjectionScale, Tooltip);

export interface CountryValue {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The total shown, or null when nothing was counted (drawn as "no figure"). */
  n: number | null;
  /** The table's text for it ("1,234 *", "none counted"). */
  text: string;
}

type CountryFeature = ReturnType<typeof topojson.feature> & { id?: string; properties: { name: string } };

let features: CountryFeature[] | null = null;

/** Every country of the map, its id the ISO 3166-1 numeric code as world-atlas gives it. */
function countryFeatures(): CountryFeature[] {
  if (!features) {
    const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const collection = topojson.feature(topology, topology.objects.countries) as unknown as {
      features: CountryFeature[];
    };
    features = collection.features;
  }
  return features;
}

/** The numeric code world-atlas keys a country by ("528" for NL), or "" when it has none. */
export function numericCode(alpha2: string): string {
  return countries.alpha2ToNumeric(alpha2) ?? '';
}

/**
 * Draws the map on `canvas`, zoomed on the countries of `values` (the whole world when none is
 * on the map); returns a function that removes it.
 */
export function drawCountryMap(canvas: HTMLCanvasElement, label: string, values: CountryValue[]): () => void {
  const byNumeric = new Map(values.map((v) => [numericCode(v.country), v]));
  const all = countryFeatures();
  const shown = all.filter((f) => byNumeric.has(String(f.id)));
  const chart = new Chart(canvas, {
    type: 'choropleth',
    data: {
      labels: all.map((f) => f.properties.name),
      datasets: [
        {
          label,
          outline: shown.length > 0 ? shown : all,
          showOutline: false,
          data: all.map((f) => ({ feature: f, value: byNumeric.get(String(f.id))?.n ?? Number.NaN })),
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const v = byNumeric.get(String((item.raw as { feature: CountryFeature }).feature.id));
              const name = (item.raw as { feature: CountryFeature }).feature.properties.name;
              return v ? `${name}: ${v.text}` : name;
            },
          },
        },
      },
      scales: {
        projection: { axis: 'x', projection: 'equalEarth', padding: 16 },
        color: {
          axis: 'x',
          // From 0, so that a small member is pale and not blank.
          min: 0,
          quantize: 5,
          legend: { position: 'bottom-left', align: 'right' },
          ticks: { callback: (v) => formatNumber(Number(v)) },
        },
      },
    },
  });
  return () => chart.destroy();
}
