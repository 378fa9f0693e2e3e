/**
 * Diagrams as inline SVG, rendered in Node without a DOM: Graphviz's dot compiled to WebAssembly
 * (@viz-js/viz, pinned), which nests boxes (clusters) natively and gives the same bytes for the
 * same graph on every run. The layout is the union of every implementation's items (layout.ts);
 * each implementation's graph differs from the others only in styles, so every node sits at the
 * same place in every diagram (a test holds the coordinates equal).
 */
import { apartDot, type DotOptions, diagramDot, nodeState } from './dot.js';
import { layoutOf } from './layout.js';
import type { Mark, Topology } from './model.js';

type Viz = Awaited<ReturnType<typeof import('@viz-js/viz')['instance']>>;

let viz: Promise<Viz> | undefined;

/** One Graphviz instance per process, started on first use (≈ 0.3 s), never for a report without diagrams. */
function graphviz(): Promise<Viz> {
  viz ??= import('@viz-js/viz').then((module) => module.instance());
  return viz;
}

/**
 * Graphviz's SVG made fit to inline in HTML: no XML prolog, doctype or comments (its version
 * comment included, so a Graphviz update alone changes no byte it need not), and a size the page
 * scales (the viewBox stays).
 */
export function inlineSvg(svg: string): string {
  return svg
    .replace(/^[\s\S]*?(?=<svg\b)/, '')
    .replaceAll(/<!--[\s\S]*?-->\n?/g, '')
    .replace(/<svg width="([\d.]+)pt" height="([\d.]+)pt"/, '<svg width="$1" height="$2"')
    .trim();
}

export async function renderDot(dot: string): Promise<string> {
  const instance = await graphviz();
  const result = instance.render(dot, { format: 'svg' });
  if (result.status !== 'success') {
    const messages = result.errors.map((error) => error.message).join('; ');
    throw new Error(`Graphviz could not lay out the diagram: ${messages}`);
  }
  return inlineSvg(result.output);
}

export interface DiagramPanel {
  readonly id: string;
  readonly label: string;
  /** Why nothing is drawn; the SVGs are empty then. */
  readonly note?: string;
  readonly svg: string;
  /** Tool machinery and unaccounted resources, drawn apart (empty when there are none). */
  readonly apartSvg: string;
  /** How many nodes carry each mark (for the legend and the tests). */
  readonly marks: Readonly<Partial<Record<Mark, number>>>;
  /** The node keys drawn, in layout order (the same list for every drawn implementation). */
  readonly nodes: readonly string[];
}

/** Every implementation's diagram, on one layout. */
export async function renderDiagrams(
  topologies: readonly Topology[],
  details: Readonly<Record<string, string>>,
  options: DotOptions = {},
): Promise<DiagramPanel[]> {
  const layout = layoutOf(topologies, details);
  const nodes = Object.keys(layout.labels);
  const panels: DiagramPanel[] = [];
  for (const topology of topologies) {
    if (topology.note) {
      panels.push({
        id: topology.id,
        label: topology.label,
        note: topology.note,
        svg: '',
        apartSvg: '',
        marks: {},
        nodes: [],
      });
      continue;
    }
    const dot = diagramDot(layout, topology, options);
    const svg = await renderDot(dot);
    const apart = apartDot(topology, options);
    const marks: Partial<Record<Mark, number>> = {};
    for (const key of nodes) {
      const { mark } = nodeState(topology, layout.members[key] ?? [key]);
      marks[mark] = (marks[mark] ?? 0) + 1;
    }
    panels.push({
      id: topology.id,
      label: topology.label,
      svg,
      apartSvg: apart ? await renderDot(apart) : '',
      marks,
      nodes,
    });
  }
  return panels;
}
