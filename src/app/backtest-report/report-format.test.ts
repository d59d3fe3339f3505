import { describe, expect, it } from 'vitest';

import {
  escapeHtml,
  formatDuration,
  formatEtTime,
  formatMoney,
  formatNumber,
  formatParams,
  formatPct,
  jsonForScript,
  NOT_AVAILABLE,
} from './report-format.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('jsonForScript', () => {
  it('leaves no "<", ">" or "&" that could end or confuse a <script> element, and parses back unchanged', () => {
    const value = { name: '</script><script>alert(1)</script><!-- -->', amp: 'a&b', sep: 'x\u2028y\u2029z' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('number forms', () => {
  it('formats money from decimal strings, rounding half-even to cents, grouping thousands', () => {
    expect(formatMoney('1234567.891')).toBe('$1,234,567.89');
    expect(formatMoney('-12.5')).toBe('-$12.50');
    expect(formatMoney('0.125')).toBe('$0.12');
    expect(formatMoney('100000')).toBe('$100,000.00');
    expect(formatMoney(null)).toBe(NOT_AVAILABLE);
    expect(formatMoney('n/a')).toBe('n/a');
  });

  it('formats numbers and percentages, with a dash for undefined values', () => {
    expect(formatNumber(1234.5678)).toBe('1,234.57');
    expect(formatNumber(500_000, 0)).toBe('500,000');
    expect(formatNumber(null)).toBe(NOT_AVAILABLE);
    expect(formatNumber(Number.NaN)).toBe(NOT_AVAILABLE);
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatPct(-12.345)).toBe('-12.35 %');
    expect(formatPct(null)).toBe(NOT_AVAILABLE);
    expect(formatPct(0.0038887534)).toBe('0.0039 %');
    expect(formatPct(0)).toBe('0.00 %');
  });

  it('formats durations', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
  });
});

describe('formatEtTime', () => {
  it('shows New York wall time in summer and in winter', () => {
    expect(formatEtTime(Date.UTC(2024, 6, 1, 13, 30))).toBe('2024-07-01 09:30 ET'); // EDT, UTC-4
    expect(formatEtTime(Date.UTC(2024, 0, 2, 14, 30))).toBe('2024-01-02 09:30 ET'); // EST, UTC-5
    expect(formatEtTime(Number.NaN)).toBe(NOT_AVAILABLE);
  });
});

describe('formatParams', () => {
  it('lists parameters sorted by key, JSON for non-strings', () => {
    expect(formatParams({ slow: 30, fast: 10, mode: 'ema', list: [1, 2] })).toBe('fast=10, list=[1,2], mode=ema, slow=30');
    expect(formatParams({})).toBe('(defaults)');
    expect(formatParams({ big: 10n })).toBe('big=10');
  });
});
