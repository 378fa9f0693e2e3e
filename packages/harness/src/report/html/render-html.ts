/**
 * One self-contained HTML file: the page's data as JSON in a script element, the stylesheet and
 * the script that renders it (both built into dist/report/html by the harness build), the diagrams
 * as SVG inside the data. Nothing is fetched: no font, no script, no image. As in Lighthouse's
 * report generator, the JSON is escaped so it cannot end its script element (`<` as `\u003c`), the
 * script's own `</` likewise, and the pieces are put in by split and join, never by a replace
 * that would read `$&` in the data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PageData } from './page-model.js';

/** The first line: how iac-compare recognises a file it wrote (and may replace). */
export function htmlHeader(command: string): string {
  return `<!-- written by iac-compare ${command}: regenerate it rather than edit it -->`;
}

/** An asset the build writes beside this module (dist), also found from the sources (tests run on src/). */
function asset(name: string): string {
  const candidates = [
    new URL(`./${name}`, import.meta.url),
    new URL(`../../../dist/report/html/${name}`, import.meta.url),
  ];
  for (const candidate of candidates) {
    const path = fileURLToPath(candidate);
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  throw new Error(`the HTML report's ${name} is not built: run npm run build -w @iac-compare/harness`);
}

/** JSON that cannot close its script element or break a JavaScript string. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Every placeholder replaced once, in the template only: a replacement's text is never searched again. */
export function fill(template: string, replacements: readonly (readonly [string, string])[]): string {
  const [first, ...rest] = replacements;
  if (!first) return template;
  return template
    .split(first[0])
    .map((part) => fill(part, rest))
    .join(first[1]);
}

const TEMPLATE = `%%HEADER%%
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="iac-compare">
<title>%%TITLE%%</title>
<style>
%%CSS%%</style>
</head>
<body>
<noscript><p class="noscript">This report is drawn by the script inside it; allow JavaScript for this file to read it. Its data is the JSON in the element with id iac-compare-data.</p></noscript>
<main id="app"></main>
<script type="application/json" id="iac-compare-data">%%DATA%%</script>
<script>
%%SCRIPT%%</script>
</body>
</html>
`;

export function renderHtml(data: PageData): string {
  const script = asset('page.js').replaceAll('</', '<\\/');
  return fill(TEMPLATE, [
    ['%%HEADER%%', htmlHeader(data.command)],
    ['%%TITLE%%', escapeHtml(data.title)],
    ['%%CSS%%', asset('page.css')],
    ['%%DATA%%', scriptSafeJson(data)],
    ['%%SCRIPT%%', script],
  ]);
}
