/**
 * Builds the HTML report's script and stylesheet into dist/report/html (page.js, page.css), which
 * render-html.ts inlines into every page: esbuild bundles src/report/html/page/main.ts into one
 * IIFE for the browser (no minification: a reader of the page can read its script). The sources
 * are type-checked with tsconfig.page.json (DOM types) by `npm run typecheck`.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const page = join(root, 'src', 'report', 'html', 'page');
const out = join(root, 'dist', 'report', 'html');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(page, 'main.ts')],
  outfile: join(out, 'page.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(join(page, 'styles.css'), join(out, 'page.css'));
