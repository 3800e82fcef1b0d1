// The CSV export's query: the list's filters, plus the labels' language and the browser's zone.
import { describe, expect, it } from 'vitest';
import { exportQuery } from '../src/lists/api';

describe('export query', () => {
  it('adds the UI language and the browser time zone to the filters', () => {
    const filters = new URLSearchParams({ category: 'tip' });
    const query = exportQuery(filters, 'nl', 'Europe/Amsterdam');
    expect(query.toString()).toBe('category=tip&lang=nl&tz=Europe%2FAmsterdam');
    expect(filters.toString()).toBe('category=tip');
  });

  it('leaves out a time zone that is missing or not zone-shaped', () => {
    expect(exportQuery(new URLSearchParams(), 'en', undefined).toString()).toBe('lang=en');
    expect(exportQuery(new URLSearchParams(), 'ro', '../etc').toString()).toBe('lang=ro');
  });
});
