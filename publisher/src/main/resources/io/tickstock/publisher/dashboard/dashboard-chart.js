// TickStock dashboard's charts: one line chart per <canvas>, drawn with plain JavaScript (no
// library, nothing from other hosts). dashboard.js, loaded after this file, draws with
// TickStockChart.drawChart and formats times with TickStockChart.clock.
'use strict';

window.TickStockChart = (function () {
  function clock(ms) {
    return new Date(ms).toISOString().substring(11, 19);
  }

  function niceCeiling(value) {
    if (!(value > 0)) {
      return 1;
    }
    const magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 2.5, 5, 10]) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  // series: [{label, color, dash, values}], values aligned with times (null where unknown).
  // Returns how many of the times had a value in some series: the samples drawn.
  function drawChart(canvas, times, series, options) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 600;
    const height = canvas.clientHeight || 210;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = '11px system-ui, sans-serif';

    const left = 56;
    const right = 10;
    const bottom = 20;
    const plotWidth = width - left - right;
    const top = 10 + 16 * drawLegend(ctx, series, options, left, width - right);
    const plotHeight = height - top - bottom;

    let drawn = 0;
    let max = 0;
    for (let i = 0; i < times.length; i++) {
      let any = false;
      for (const s of series) {
        const v = s.values[i];
        if (v !== null && v !== undefined && !Number.isNaN(v)) {
          any = true;
          max = Math.max(max, v);
        }
      }
      if (any) {
        drawn++;
      }
    }
    const yMax = 4 * niceCeiling(Math.max(options.minMax || 0, max * 1.05) / 4);
    const t0 = times.length ? times[0] : 0;
    const t1 = times.length > 1 ? times[times.length - 1] : t0 + 1000;
    const x = function (t) {
      return left + (t - t0) / (t1 - t0) * plotWidth;
    };
    const y = function (v) {
      return top + plotHeight - v / yMax * plotHeight;
    };

    ctx.strokeStyle = '#263040';
    ctx.fillStyle = '#8a94a6';
    ctx.lineWidth = 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let g = 0; g <= 4; g++) {
      const v = yMax * g / 4;
      const gy = Math.round(y(v)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(left, gy);
      ctx.lineTo(left + plotWidth, gy);
      ctx.stroke();
      ctx.fillText(options.format(v), left - 6, gy);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    if (times.length) {
      for (let g = 0; g <= 3; g++) {
        const t = t0 + (t1 - t0) * g / 3;
        ctx.fillText(clock(t), Math.min(Math.max(x(t), left + 24), left + plotWidth - 24), top + plotHeight + 5);
      }
    }

    for (const s of series) {
      ctx.strokeStyle = s.color;
      ctx.lineWidth = s.dash ? 1.2 : 1.8;
      ctx.setLineDash(s.dash ? [4, 3] : []);
      ctx.beginPath();
      let open = false;
      for (let i = 0; i < times.length; i++) {
        const v = s.values[i];
        if (v === null || v === undefined || Number.isNaN(v)) {
          open = false;
          continue;
        }
        if (open) {
          ctx.lineTo(x(times[i]), y(v));
        } else {
          ctx.moveTo(x(times[i]), y(v));
          open = true;
        }
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);

    if (drawn === 0) {
      ctx.fillStyle = '#8a94a6';
      ctx.textAlign = 'center';
      ctx.fillText('waiting for data', left + plotWidth / 2, top + plotHeight / 2);
    }
    canvas.dataset.samples = String(drawn);
    return drawn;
  }

  // One entry per series with its latest value, wrapped into rows; returns the rows used.
  function drawLegend(ctx, series, options, left, right) {
    let lx = left;
    let row = 0;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    for (const s of series) {
      if (s.legend === false) {
        continue;
      }
      const latest = lastValue(s.values);
      const text = s.label + ' ' + (latest === null ? '–' : options.format(latest));
      const width = ctx.measureText(text).width + 14;
      if (lx > left && lx + width > right) {
        lx = left;
        row++;
      }
      const ly = 8 + row * 16;
      ctx.fillStyle = s.color;
      ctx.fillRect(lx, ly - 2, 10, 3);
      ctx.fillStyle = '#d8dee9';
      ctx.fillText(text, lx + 14, ly);
      lx += width + 14;
    }
    return row + 1;
  }

  function lastValue(values) {
    for (let i = values.length - 1; i >= 0; i--) {
      const v = values[i];
      if (v !== null && v !== undefined && !Number.isNaN(v)) {
        return v;
      }
    }
    return null;
  }

  return { drawChart: drawChart, clock: clock };
})();
