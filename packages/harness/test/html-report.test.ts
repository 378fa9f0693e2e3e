/**
 * The HTML report's parts that need no browser: diagrams on one layout (the same coordinates in
 * every implementation whatever its marks), the same bytes on every run, marks from a comparison
 * and from a plan, and a page whose data cannot break out of its script element. The page itself
 * is tested in a real browser (packages/cli/test/html-report.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { ResourceDiff } from '../src/compare/resource-diff.js';
import type { PlanReport } from '../src/plan/model.js';
import { type DiagramLayout, layoutOf, nodeKeyOf } from '../src/report/diagram/layout.js';
import type { ItemState, Topology } from '../src/report/diagram/model.js';
import { inlineSvg, renderDiagrams } from '../src/report/diagram/render.js';
import { compareTopologies, planTopologies } from '../src/report/diagram/topology.js';
import { comparePageData } from '../src/report/html/page-data.js';
import { fill, renderHtml, scriptSafeJson } from '../src/report/html/render-html.js';
import type { CompareReport, ImplementationReport } from '../src/report/model.js';

const equal: ItemState = { mark: 'equal', detail: [] };

const ITEMS = [
  'vpc',
  'internetGateway',
  'subnet[public/eu-west-1a]',
  'subnet[private/eu-west-1a]',
  'subnet[public/eu-west-1b]',
  'subnet[private/eu-west-1b]',
  'natGateway[eu-west-1a]',
  'natGateway[eu-west-1b]',
  'eip[eu-west-1a]',
  'cluster',
  'nodeGroup[system]',
  'launchTemplate[system]',
  'k8s[Deployment app/web]',
  'helmRelease[kube-system/metrics-server]',
];

const ROUTES = {
  'public/eu-west-1a': 'internet-gateway',
  'public/eu-west-1b': 'internet-gateway',
  'private/eu-west-1a': 'nat-gateway/eu-west-1a',
  'private/eu-west-1b': 'nat-gateway/eu-west-1b',
};

function topology(id: string, marks: Readonly<Record<string, ItemState>> = {}, routes = ROUTES): Topology {
  return {
    id,
    label: id,
    items: Object.fromEntries(ITEMS.map((item) => [item, marks[item] ?? equal])),
    routes,
    apart: [],
  };
}

/** Graphviz's SVG text with its entities decoded (it writes `-` as `&#45;`). */
function decoded(text: string): string {
  return text
    .replaceAll('&#45;', '-')
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** Each node's geometry (every number in its shapes), keyed by its node name: what a diagram places where. */
function geometry(svg: string): Map<string, string> {
  const nodes = new Map<string, string>();
  for (const match of svg.matchAll(
    /<g id="[^"]*" class="node[^"]*">\s*<title>([^<]*)<\/title>([\s\S]*?)<\/g>\s*<\/g>/g,
  )) {
    const shapes = match[2]!;
    const numbers = [...shapes.matchAll(/ (?:points|d|x|y|cx|cy)="([^"]*)"/g)]
      .map((found) => found[1])
      .join(' ');
    nodes.set(decoded(match[1]!), numbers);
  }
  return nodes;
}

describe('diagrams', () => {
  it('fold the parts of an item into its node: route tables into subnets, Elastic IPs into NAT gateways', () => {
    expect(nodeKeyOf('routeTable[private/eu-west-1a]')).toBe('subnet[private/eu-west-1a]');
    expect(nodeKeyOf('route[public/eu-west-1b]')).toBe('subnet[public/eu-west-1b]');
    expect(nodeKeyOf('eip[eu-west-1a]')).toBe('natGateway[eu-west-1a]');
    expect(nodeKeyOf('launchTemplate[system]')).toBe('nodeGroup[system]');
    expect(nodeKeyOf('kmsAlias')).toBe('kmsKey');
    const layout: DiagramLayout = layoutOf([topology('a')], {});
    expect(layout.members['natGateway[eu-west-1a]']).toEqual(['natGateway[eu-west-1a]', 'eip[eu-west-1a]']);
    const vpc = layout.root.boxes.find((box) => box.key === 'vpc')!;
    expect(vpc.boxes.map((box) => box.key)).toEqual(['az:eu-west-1a', 'az:eu-west-1b']);
    // Public above its NAT gateway above private: the order of a zone's rows.
    expect(vpc.boxes[0]!.nodes).toEqual([
      'subnet[public/eu-west-1a]',
      'natGateway[eu-west-1a]',
      'subnet[private/eu-west-1a]',
    ]);
  });

  it('place every node at the same coordinates in every implementation, whatever its marks', async () => {
    const panels = await renderDiagrams(
      [
        topology('same'),
        topology(
          'other',
          {
            'subnet[private/eu-west-1a]': { mark: 'differs', detail: ['cidr differs'] },
            'natGateway[eu-west-1b]': { mark: 'absent', detail: [] },
            'k8s[Deployment app/web]': { mark: 'outside', detail: [] },
            'nodeGroup[system]': { mark: 'replace', detail: ['replace (create first)'] },
          },
          { ...ROUTES, 'private/eu-west-1b': 'none' },
        ),
      ],
      { 'subnet[public/eu-west-1a]': '10.0.0.0/24' },
    );
    const [same, other] = panels.map((panel) => geometry(panel.svg));
    expect([...same!.keys()].sort()).toEqual(Object.keys(layoutOf([topology('x')], {}).labels).sort());
    expect(same!.size).toBeGreaterThan(8);
    for (const [key, shape] of same!) expect(other!.get(key), key).toBe(shape);
    // The marks are there: a class and the colours of each.
    expect(panels[1]!.svg).toMatch(/class="node dnode m&#45;differs"/);
    expect(panels[1]!.marks).toMatchObject({ differs: 1, absent: 1, outside: 1, replace: 1 });
    // A route the implementation lacks is laid out but not drawn (Graphviz writes no invisible edge).
    const routes = (svg: string) => svg.match(/class="edge droute"/g)?.length;
    expect([routes(panels[0]!.svg), routes(panels[1]!.svg)]).toEqual([4, 3]);
    // Every id carries the implementation: two diagrams in one page share none.
    const ids = (svg: string) => new Set([...svg.matchAll(/ id="([^"]+)"/g)].map((found) => found[1]));
    const shared = [...ids(panels[0]!.svg)].filter((id) => ids(panels[1]!.svg).has(id));
    expect(shared).toEqual([]);
  });

  it('give the same bytes on every run, with no version comment or XML prolog', async () => {
    const once = await renderDiagrams([topology('a'), topology('b')], {});
    const again = await renderDiagrams([topology('a'), topology('b')], {});
    expect(JSON.stringify(again)).toBe(JSON.stringify(once));
    expect(once[0]!.svg.startsWith('<svg ')).toBe(true);
    expect(once[0]!.svg).not.toMatch(/<\?xml|<!DOCTYPE|<!--|Generated by/);
    expect(
      inlineSvg('<?xml version="1.0"?>\n<!-- c -->\n<svg width="2pt" height="3pt"><!-- x -->\n</svg>'),
    ).toBe('<svg width="2" height="3"></svg>');
  });

  it('quote what an identity may hold: quotes, backslashes, spaces', async () => {
    const odd = 'k8s[ConfigMap app/"odd\\name"]';
    const panels = await renderDiagrams(
      [
        {
          id: 'a',
          label: 'a',
          items: { [odd]: { mark: 'unexpected', detail: ['a "quoted" value'] } },
          routes: {},
          apart: [],
        },
      ],
      {},
    );
    expect(panels[0]!.svg).toContain('<title>k8s[ConfigMap app/&quot;odd\\name&quot;]</title>');
    expect(panels[0]!.svg).toContain('xlink:title="k8s[ConfigMap app/&quot;odd\\name&quot;]&#10;');
  });
});

function implementation(id: string, fields: Partial<ImplementationReport> = {}): ImplementationReport {
  return {
    id,
    label: id,
    tool: id,
    status: 'compared',
    conforms: true,
    failure: null,
    outsideEnvelope: [],
    outsideSections: [],
    differences: [],
    unknowns: [],
    resources: 3,
    overhead: 0,
    resourcesByKind: {},
    overheadResources: [],
    linesOfCode: 10,
    sourceFiles: 1,
    synth: { ms: 1234, cached: false },
    envelope: null,
    notes: [],
    diagnostics: [],
    ledger: { claimed: 3, toolDefaults: [], unaccounted: [] },
    findings: [],
    ...fields,
  };
}

function compareReport(): CompareReport {
  const diff: ResourceDiff = {
    implementations: ['a', 'b'],
    items: [
      {
        identity: 'subnet[private/eu-west-1a]',
        type: 'AWS::EC2::Subnet',
        in: { a: { addresses: ['A'], file: 'a/main.tf', line: 3 }, b: { addresses: ['B'] } },
      },
      { identity: 'natGateway[eu-west-1a]', type: 'AWS::EC2::NatGateway', in: { a: { addresses: ['N'] } } },
    ],
    differences: [],
    pairs: {},
    defaultsUsed: [],
    namingSetAside: [],
    toolDefaultsSetAside: [],
    unmapped: [],
  };
  return {
    schemaVersion: 2,
    target: {
      name: 't',
      file: 'target.json',
      region: 'eu-west-1',
      availabilityZones: ['eu-west-1a'],
      natGateways: 'single',
      kubernetesVersion: '1.37',
      nodeGroups: 0,
    },
    summary: { implementations: 2, conforming: 1, facts: 3 },
    implementations: [implementation('a'), implementation('b', { conforms: false })],
    comparison: {
      implementations: ['a', 'b'],
      rows: [
        {
          key: 'subnet[private/eu-west-1a].defaultRoute',
          group: 'subnets',
          inTarget: true,
          expected: 'nat-gateway/eu-west-1a',
          cells: { a: { status: 'equal' }, b: { status: 'differs', actual: 'internet-gateway' } },
        },
        {
          key: 'natGateway[eu-west-1a].subnet',
          group: 'NAT gateways',
          inTarget: true,
          expected: 'public/eu-west-1a',
          cells: { a: { status: 'equal' }, b: { status: 'missing' } },
        },
        {
          key: 'k8s[Namespace app].metadata.name',
          group: 'workloads',
          inTarget: true,
          expected: '</script><script>alert(1)</script>',
          cells: { a: { status: 'equal' }, b: { status: 'outside-envelope', why: 'no Kubernetes in b' } },
        },
      ],
      pairwise: {},
      notes: {},
    },
    resourceDiff: diff,
    glance: [],
  };
}

describe('marks', () => {
  it('from a comparison: what differs, what is not built, what lies outside the envelope, and the routes as built', () => {
    const [a, b] = compareTopologies(compareReport());
    expect(a!.items['subnet[private/eu-west-1a]']).toEqual({
      mark: 'equal',
      detail: [],
      location: 'a/main.tf:3',
    });
    expect(b!.items['subnet[private/eu-west-1a]']?.mark).toBe('differs');
    expect(b!.items['subnet[private/eu-west-1a]']?.detail[0]).toContain('internet-gateway');
    expect(b!.items['natGateway[eu-west-1a]']?.mark).toBe('absent');
    expect(b!.items['k8s[Namespace app]']?.mark).toBe('outside');
    expect(a!.routes).toEqual({ 'private/eu-west-1a': 'nat-gateway/eu-west-1a' });
    expect(b!.routes).toEqual({ 'private/eu-west-1a': 'internet-gateway' });
  });

  it('from a plan: the worst action of an item, failures above all, and the reason', () => {
    const change = (
      address: string,
      action: 'create' | 'replace' | 'update',
      item?: string,
      fails = false,
    ) => ({
      address,
      displayName: address,
      nativeType: 'AWS::EKS::Nodegroup',
      kind: 'eks-node-group',
      role: item ? ('core' as const) : ('overhead' as const),
      action,
      changes: [
        {
          path: 'InstanceTypes',
          before: ['m6i.large'],
          after: ['m7i.large'],
          replaces: action === 'replace',
          source: 'cloudformation-spec' as const,
          why: 'InstanceTypes: Update requires Replacement',
        },
      ],
      ...(action === 'replace' ? { replacementOrder: 'create-first' as const } : {}),
      ...(fails ? { fails: true as const, failure: 'already exists' } : {}),
      ...(item ? { item } : {}),
    });
    const plan: PlanReport = {
      schemaVersion: 2,
      baseline: { source: 'b', target: 't' },
      target: { file: 't', name: 't' },
      implementations: [
        {
          id: 'x',
          label: 'x',
          status: 'planned',
          detail: null,
          counts: { create: 0, update: 1, replace: 2, delete: 0 },
          machineryCounts: { create: 1, update: 0, replace: 0, delete: 0 },
          changes: [
            change('NodeGroup', 'replace', 'nodeGroup[system]'),
            change('Template', 'update', 'launchTemplate[system]'),
            change('Cluster', 'replace', 'cluster', true),
            change('Provider', 'create'),
          ],
          items: {
            'nodeGroup[system]': ['NodeGroup'],
            'launchTemplate[system]': ['Template'],
            cluster: ['Cluster'],
            vpc: ['Vpc'],
          },
          routes: {},
        },
        {
          id: 'y',
          label: 'y',
          status: 'refused',
          detail: 'a new stack',
          counts: { create: 0, update: 0, replace: 0, delete: 0 },
          machineryCounts: { create: 0, update: 0, replace: 0, delete: 0 },
          changes: [],
        },
      ],
    };
    const [x, y] = planTopologies(plan);
    expect(x!.items['nodeGroup[system]']?.mark).toBe('replace');
    expect(x!.items['nodeGroup[system]']?.detail.join('\n')).toMatch(
      /replace \(create first\): NodeGroup\n {2}InstanceTypes: \["m6i.large"\] → \["m7i.large"\] \(replaces\) — InstanceTypes: Update requires Replacement/,
    );
    expect(x!.items['launchTemplate[system]']?.mark).toBe('update');
    expect(x!.items.cluster?.mark).toBe('fails');
    expect(x!.items.vpc?.mark).toBe('unchanged');
    expect(x!.apart).toMatchObject([{ address: 'Provider', mark: 'create' }]);
    expect(y!.note).toBe('not planned (refused): a new stack');
  });
});

describe('the page', () => {
  it('opens with the line iac-compare recognises, and its data cannot end the script element', async () => {
    const html = renderHtml(
      await comparePageData(compareReport(), 'compare', {
        writtenBy: 'iac-compare compare --format html',
        linkRoot: '',
      }),
    );
    expect(html.split('\n', 1)[0]).toBe(
      '<!-- written by iac-compare compare: regenerate it rather than edit it -->',
    );
    expect(html.split('\n')[1]).toBe('<!doctype html>');
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).toContain('\\u003c/script>\\u003cscript>alert(1)');
    // Synth times change on every run: the page leaves them out.
    expect(html).not.toContain('1234');
    // Nothing to fetch: no src or href to the network, no @import, no url().
    expect(html).not.toMatch(/\s(src|href)="https?:|@import|url\(/);
  });

  it('fills each placeholder once: data that spells a placeholder stays data', () => {
    expect(
      fill('a %%X%% b %%Y%%', [
        ['%%X%%', '%%Y%%'],
        ['%%Y%%', 'y'],
      ]),
    ).toBe('a %%Y%% b y');
    expect(scriptSafeJson({ text: '</script>\u2028' })).toBe('{"text":"\\u003c/script>\\u2028"}');
  });
});
