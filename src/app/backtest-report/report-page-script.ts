// The script the report page runs in the browser: reads the embedded JSON, draws the equity, drawdown and candle
// charts with the inlined lightweight-charts, and marks the page ready (or failed) for people and tests.
// Kept as plain ES2020 text (no imports, no build step) because it is inlined into a file:// page.
// Must never: fetch anything, insert data with innerHTML, or leave the page without a ready/error mark.

/**
 * Browser-side script. Contract with the document: a `<script type="application/json" id="report-data">` holding
 * ReportChartData, containers `#equity-chart`, `#drawdown-chart` and (optionally) `#candles-chart`. On success it
 * sets `window.__reportReady = true` and `<html data-report-ready="true">` after the charts have painted; on failure
 * `window.__reportError` and `<html data-report-error="...">`, and shows the message on the page.
 */
export const REPORT_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var root = document.documentElement;
  function fail(error) {
    var message = error && error.message ? error.message : String(error);
    window.__reportError = message;
    root.setAttribute('data-report-error', message);
    var box = document.getElementById('report-error');
    if (box) { box.textContent = 'The charts could not be drawn: ' + message; box.hidden = false; }
  }
  function zip(times, values) {
    var out = new Array(times.length);
    for (var i = 0; i < times.length; i++) out[i] = { time: times[i], value: values[i] };
    return out;
  }
  function baseOptions() {
    return {
      autoSize: true,
      layout: { background: { type: 'solid', color: '#ffffff' }, textColor: '#1f2933', fontSize: 12 },
      grid: { vertLines: { color: '#eef1f4' }, horzLines: { color: '#eef1f4' } },
      rightPriceScale: { borderColor: '#d5dbe1', minimumWidth: 96 },
      timeScale: { borderColor: '#d5dbe1', timeVisible: true, secondsVisible: false, minBarSpacing: 0.01 },
      crosshair: { mode: 0 }
    };
  }
  function drawEquity(LWC, data) {
    var chart = LWC.createChart(document.getElementById('equity-chart'), baseOptions());
    var series = chart.addSeries(LWC.AreaSeries, {
      lineColor: '#1f5fd6', lineWidth: 2, topColor: 'rgba(31,95,214,0.28)', bottomColor: 'rgba(31,95,214,0.02)',
      priceFormat: { type: 'price', precision: 2, minMove: 0.01 }
    });
    series.setData(zip(data.equity.time, data.equity.value));
    chart.timeScale().fitContent();
    return chart;
  }
  function drawDrawdown(LWC, data) {
    var chart = LWC.createChart(document.getElementById('drawdown-chart'), baseOptions());
    var series = chart.addSeries(LWC.BaselineSeries, {
      baseValue: { type: 'price', price: 0 },
      topLineColor: '#8a94a0', topFillColor1: 'rgba(0,0,0,0)', topFillColor2: 'rgba(0,0,0,0)',
      bottomLineColor: '#c62828', bottomFillColor1: 'rgba(198,40,40,0.05)', bottomFillColor2: 'rgba(198,40,40,0.35)',
      lineWidth: 1,
      priceFormat: { type: 'custom', minMove: 0.01, formatter: function (p) { return p.toFixed(2) + ' %'; } }
    });
    series.setData(zip(data.drawdown.time, data.drawdown.value));
    chart.timeScale().fitContent();
    return chart;
  }
  function drawCandles(LWC, data) {
    var c = data.candles;
    var el = document.getElementById('candles-chart');
    if (!c || !el) return null;
    var chart = LWC.createChart(el, baseOptions());
    var series = chart.addSeries(LWC.CandlestickSeries, {
      upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350'
    });
    var bars = new Array(c.time.length);
    for (var i = 0; i < c.time.length; i++) {
      bars[i] = { time: c.time[i], open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i] };
    }
    series.setData(bars);
    var m = data.markers;
    var markers = new Array(m.time.length);
    for (var j = 0; j < m.time.length; j++) {
      var buy = m.side[j] === 'b';
      markers[j] = {
        time: m.time[j], position: buy ? 'belowBar' : 'aboveBar', shape: buy ? 'arrowUp' : 'arrowDown',
        color: buy ? '#1b8a3a' : '#c62828', text: m.text[j]
      };
    }
    LWC.createSeriesMarkers(series, markers);
    chart.timeScale().fitContent();
    return chart;
  }
  function syncTime(a, b) {
    var busy = false;
    function follow(from, to) {
      from.timeScale().subscribeVisibleLogicalRangeChange(function () {
        if (busy) return;
        var range = from.timeScale().getVisibleRange();
        if (!range) return;
        busy = true;
        try { to.timeScale().setVisibleRange(range); } catch (e) { /* range outside the other series */ }
        busy = false;
      });
    }
    follow(a, b);
    follow(b, a);
  }
  function markReady() {
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        window.__reportReady = true;
        root.setAttribute('data-report-ready', 'true');
      });
    });
  }
  try {
    var LWC = window.LightweightCharts;
    if (!LWC) throw new Error('the inlined chart library did not load');
    var data = JSON.parse(document.getElementById('report-data').textContent);
    var equity = drawEquity(LWC, data);
    var drawdown = drawDrawdown(LWC, data);
    syncTime(equity, drawdown);
    drawCandles(LWC, data);
    markReady();
  } catch (error) {
    fail(error);
  }
})();
`;
