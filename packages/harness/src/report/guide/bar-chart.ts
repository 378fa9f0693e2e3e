/**
 * A horizontal bar chart as a small SVG file, for the guide (GitHub shows an SVG beside Markdown,
 * not inside it). Written by hand: a chart library would bring a DOM or a canvas for what is a
 * dozen rectangles and labels, and its output would have to be checked for stable bytes anyway.
 * The same data gives the same bytes: no ids, no dates, fixed number formatting.
 */

export interface Bar {
  readonly label: string;
  readonly value: number;
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

const ROW = 26;
const LABEL_WIDTH = 130;
const BAR_WIDTH = 360;
const VALUE_WIDTH = 70;

/** `header` is the file's first line (how iac-compare knows a file it may replace). */
export function renderBarChart(title: string, bars: readonly Bar[], header: string, unit = ''): string {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  const height = 34 + bars.length * ROW + 8;
  const lines = [
    header,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="13">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="20" font-weight="bold" fill="#111827">${escapeXml(title)}</text>`,
  ];
  bars.forEach((bar, index) => {
    const y = 34 + index * ROW;
    const length = Math.round((bar.value / max) * (BAR_WIDTH - 10) * 10) / 10;
    lines.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end" fill="#111827">${escapeXml(bar.label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${length}" height="${ROW - 8}" fill="#2563eb"/>`,
      `<text x="${LABEL_WIDTH + length + 6}" y="${y + 15}" fill="#111827">${escapeXml(`${bar.value}${unit}`)}</text>`,
    );
  });
  lines.push('</svg>');
  return `${lines.join('\n')}\n`;
}
