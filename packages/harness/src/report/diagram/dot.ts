/**
 * Graphviz DOT for one implementation's diagram: the shared layout (layout.ts) with this
 * implementation's marks as colours, dashes and classes. Only styles differ between
 * implementations — never a node, a box, an edge, a label or the order they are written in — so
 * dot places everything at the same coordinates in every diagram. Every element gets an explicit
 * id prefixed with the implementation, so six diagrams in one page never share an id.
 */
import type { DiagramBox, DiagramLayout } from './layout.js';
import { type ApartResource, type ItemState, MARK_WORDS, type Mark, type Topology } from './model.js';
import { worstMark } from './topology.js';

interface MarkStyle {
  readonly fill: string;
  readonly color: string;
  readonly font: string;
  readonly style: string;
}

const SOLID = 'rounded,filled';

/** Each mark's look; the page's legend and CSS use the same colours (html/page/styles.css). */
export const MARK_STYLES: Readonly<Record<Mark, MarkStyle>> = {
  equal: { fill: '#ffffff', color: '#4b5563', font: '#111827', style: SOLID },
  unchanged: { fill: '#f9fafb', color: '#9ca3af', font: '#374151', style: SOLID },
  differs: { fill: '#fee2e2', color: '#b91c1c', font: '#7f1d1d', style: 'rounded,filled,bold' },
  unknown: { fill: '#fef3c7', color: '#b45309', font: '#78350f', style: SOLID },
  unexpected: { fill: '#ede9fe', color: '#6d28d9', font: '#4c1d95', style: 'rounded,filled,bold' },
  absent: { fill: '#ffffff', color: '#9ca3af', font: '#9ca3af', style: 'rounded,dashed,filled' },
  outside: { fill: '#f3f4f6', color: '#9ca3af', font: '#6b7280', style: 'rounded,dotted,filled' },
  create: { fill: '#dcfce7', color: '#15803d', font: '#14532d', style: 'rounded,filled,bold' },
  update: { fill: '#fef9c3', color: '#a16207', font: '#713f12', style: 'rounded,filled,bold' },
  replace: { fill: '#ffedd5', color: '#c2410c', font: '#7c2d12', style: 'rounded,filled,bold' },
  delete: { fill: '#fee2e2', color: '#b91c1c', font: '#7f1d1d', style: 'rounded,dashed,filled,bold' },
  fails: { fill: '#fecaca', color: '#7f1d1d', font: '#450a0a', style: 'rounded,filled,bold' },
};

/** A DOT double-quoted text (a label, a tooltip): quotes and backslashes escaped, newlines as Graphviz's centred `\n`. */
export function quoted(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}

/**
 * A DOT double-quoted name (a node, a cluster): DOT keeps a name's backslashes as they are, so only
 * quotes are escaped — and a final backslash, which would escape the closing quote.
 */
export function quotedName(name: string): string {
  return `"${name.replaceAll('"', '\\"').replace(/\\$/, '\\\\')}"`;
}

function attributes(entries: Readonly<Record<string, string | number | undefined>>): string {
  return `[${Object.entries(entries)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'number' ? value : quoted(value!)}`)
    .join(' ')}]`;
}

/** An id safe in HTML and SVG: the implementation, then the element's key with spaces as `_`. */
export function elementId(implementation: string, key: string): string {
  return `${implementation}~${key.replaceAll(/\s+/g, '_')}`;
}

const GRAPH_DEFAULTS = [
  'graph [fontname="Helvetica" fontsize=11 fontcolor="#374151" bgcolor="transparent" nodesep=0.22 ranksep=0.32 newrank=true pad=0.1]',
  'node [shape=box fontname="Helvetica" fontsize=10 margin="0.1,0.05" height=0.36 penwidth=1]',
  'edge [arrowsize=0.6 color="#4b5563" penwidth=1]',
];

/** The state of a node folding several items: the worst mark, each member's detail. */
export function nodeState(
  topology: Topology,
  members: readonly string[],
): { mark: Mark; lines: string[]; location?: string } {
  const states = members
    .map((identity) => [identity, topology.items[identity]] as const)
    .filter((entry): entry is readonly [string, ItemState] => entry[1] !== undefined);
  if (states.length === 0) return { mark: 'absent', lines: [MARK_WORDS.absent] };
  const mark = worstMark(states.map(([, state]) => state.mark));
  const lines: string[] = [];
  for (const [identity, state] of states) {
    if (states.length > 1 || state.detail.length > 0) lines.push(`${identity}: ${MARK_WORDS[state.mark]}`);
    lines.push(...state.detail.map((line) => `  ${line}`));
  }
  if (lines.length === 0) lines.push(MARK_WORDS[mark]);
  const location = states.find(([, state]) => state.location)?.[1].location;
  return { mark, lines, ...(location ? { location } : {}) };
}

export interface DotOptions {
  /** Prefix that turns a repository-relative path into a link from the page (`../`), or none. */
  readonly linkRoot?: string;
}

function sourceHref(location: string | undefined, options: DotOptions): string | undefined {
  if (!location || options.linkRoot === undefined) return undefined;
  const match = /^(.*?):(\d+)(?::\d+)?$/.exec(location);
  const file = match ? match[1]! : location;
  if (/^[a-z]+:/i.test(file) || file.startsWith('/')) return undefined;
  return `${options.linkRoot}${file}${match ? `#L${match[2]}` : ''}`;
}

/** The diagram of one implementation as DOT. */
export function diagramDot(layout: DiagramLayout, topology: Topology, options: DotOptions = {}): string {
  const id = topology.id;
  const lines = [`digraph ${quotedName(id)} {`, ...GRAPH_DEFAULTS.map((line) => `  ${line}`)];
  lines.push(`  graph ${attributes({ id: elementId(id, 'graph'), class: 'diagram' })}`);
  const writeBox = (parent: DiagramBox, indent: string) => {
    for (const child of parent.boxes) {
      const state = child.item ? topology.items[child.item] : undefined;
      const style = state ? MARK_STYLES[state.mark] : undefined;
      lines.push(`${indent}subgraph ${quotedName(`cluster_${child.key}`)} {`);
      lines.push(
        `${indent}  graph ${attributes({
          id: elementId(id, `box:${child.key}`),
          class: `dbox${state ? ` m-${state.mark}` : ''}`,
          label: child.label,
          style: style ? 'rounded,filled' : 'rounded',
          color: style?.color ?? '#9ca3af',
          fillcolor: style ? (state?.mark === 'equal' ? '#f9fafb' : style.fill) : undefined,
          tooltip: state ? [child.item!, MARK_WORDS[state.mark], ...state.detail].join('\n') : child.label,
        })}`,
      );
      writeBox(child, `${indent}  `);
      for (const key of child.nodes) writeNode(key, `${indent}  `);
      lines.push(`${indent}}`);
    }
  };
  const writeNode = (key: string, indent: string) => {
    const { mark, lines: detail, location } = nodeState(topology, layout.members[key] ?? [key]);
    const style = MARK_STYLES[mark];
    const href = sourceHref(location, options);
    lines.push(
      `${indent}${quotedName(key)} ${attributes({
        id: elementId(id, key),
        class: `dnode m-${mark}`,
        label: layout.labels[key] ?? key,
        tooltip: [key, ...detail, ...(location ? [location] : [])].join('\n'),
        style: style.style,
        fillcolor: style.fill,
        color: style.color,
        fontcolor: style.font,
        href,
        target: href ? '_top' : undefined,
      })}`,
    );
  };
  writeBox(layout.root, '  ');
  for (const key of layout.root.nodes) writeNode(key, '  ');
  layout.edges.forEach((edge, index) => {
    const drawn = topology.routes[edge.route.subnet] === edge.route.target;
    lines.push(
      `  ${quotedName(edge.from)} -> ${quotedName(edge.to)} ${attributes({
        id: elementId(id, `edge:${index}`),
        class: `droute${drawn ? '' : ' absent'}`,
        style: drawn ? undefined : 'invis',
        dir: edge.back ? 'back' : undefined,
        tooltip: edge.route ? `${edge.route.subnet}: default route to ${edge.route.target}` : undefined,
      })}`,
    );
  });
  // Rows across boxes (newrank), ordered top to bottom by an invisible edge between consecutive rows.
  layout.ranks.forEach((rank, index) => {
    lines.push(`  { rank=same; ${rank.map(quotedName).join('; ')} }`);
    const previous = layout.ranks[index - 1];
    if (previous) lines.push(`  ${quotedName(previous[0]!)} -> ${quotedName(rank[0]!)} [style=invis]`);
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** A resource's short name: a logical ID, a URN's name, a Terraform address's last part. */
function shortAddress(address: string): string {
  const name = address.includes('::')
    ? address.slice(address.lastIndexOf('::') + 2)
    : address.slice(address.lastIndexOf('/') + 1);
  return name.length > 30 ? `${name.slice(0, 29)}…` : name;
}

/** Tool machinery and unaccounted resources, drawn apart: a box per purpose, three columns each. */
export function apartDot(topology: Topology, options: DotOptions = {}): string | undefined {
  if (topology.apart.length === 0) return undefined;
  const id = `${topology.id}-apart`;
  const lines = [`digraph ${quotedName(id)} {`, ...GRAPH_DEFAULTS.map((line) => `  ${line}`)];
  lines.push(`  graph ${attributes({ id: elementId(id, 'graph'), class: 'apart' })}`);
  const groups = new Map<string, ApartResource[]>();
  for (const resource of topology.apart)
    groups.set(resource.group, [...(groups.get(resource.group) ?? []), resource]);
  let index = 0;
  for (const [group, resources] of [...groups].sort(([a], [b]) =>
    a === 'unaccounted' ? -1 : b === 'unaccounted' ? 1 : 0,
  )) {
    lines.push(`  subgraph ${quotedName(`cluster_${group}`)} {`);
    lines.push(
      `    graph ${attributes({
        id: elementId(id, `box:${group}`),
        label: `${group} (${resources.length})`,
        style: 'rounded',
        color: group === 'unaccounted' ? MARK_STYLES.unexpected.color : '#9ca3af',
      })}`,
    );
    const names: string[] = [];
    for (const resource of resources) {
      const name = `r${index++}`;
      names.push(name);
      const style = MARK_STYLES[resource.mark];
      lines.push(
        `    ${name} ${attributes({
          id: elementId(id, resource.address),
          class: `dnode m-${resource.mark}`,
          label: `${resource.type}\n${shortAddress(resource.address)}`,
          tooltip: [resource.address, ...resource.detail].join('\n'),
          style: style.style,
          fillcolor: style.fill,
          color: style.color,
          fontcolor: style.font,
        })}`,
      );
    }
    // Three columns: each node above the one three places on.
    for (let at = 3; at < names.length; at++)
      lines.push(`    ${names[at - 3]} -> ${names[at]} [style=invis]`);
    lines.push('  }');
  }
  lines.push('}');
  void options;
  return `${lines.join('\n')}\n`;
}
