export interface Bar {
  label: string;
  value: number;
}

/** Geometry for a simple vertical bar chart drawn as SVG; the page shows the same numbers in a table. */
export function barChart(bars: Bar[], options: { height?: number; barWidth?: number; gap?: number } = {}) {
  const height = options.height ?? 160;
  const barWidth = options.barWidth ?? 36;
  const gap = options.gap ?? 12;
  const top = 18;
  const bottom = 34;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plot = height - top - bottom;
  return {
    width: Math.max(120, bars.length * (barWidth + gap) + gap),
    height,
    baseline: height - bottom,
    bars: bars.map((b, i) => {
      const h = Math.round((b.value / max) * plot);
      const x = gap + i * (barWidth + gap);
      return { ...b, x, y: height - bottom - h, width: barWidth, height: h, cx: x + barWidth / 2 };
    }),
  };
}
