/**
 * Issue 18 in the spec: no launch template tag specification without tags, workloads need NAT,
 * the deployer must reach the endpoint (a warning), the app's command, and arbitraries that
 * generate each case.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryTarget } from '../src/arbitraries.js';
import { defaultTargetPath, loadTarget, readTargetJson } from '../src/load.js';
import { resolveTarget } from '../src/resolve.js';
import { parseTarget, validateTarget } from '../src/validate.js';
import { targetWarnings } from '../src/warnings.js';

const base = () => structuredClone(readTargetJson(defaultTargetPath())) as Record<string, any>;

describe('tags: {} (issue 18.2)', () => {
  it('resolves to node groups whose launch templates have no tag specification', () => {
    const input = base();
    input.tags = {};
    input.nodeGroups[0].propagateTagsTo = ['instance', 'volume', 'network-interface'];
    const result = validateTarget(input);
    expect(result.ok).toBe(true);
    const infra = resolveTarget(result.ok ? result.spec : loadTarget());
    for (const group of infra.nodeGroups) expect(group.launchTemplate.tagSpecifications).toEqual([]);
  });

  it('keeps one tag specification per propagated type when there are tags', () => {
    const infra = resolveTarget(loadTarget());
    expect(infra.nodeGroups[0]!.launchTemplate.tagSpecifications.map((s) => s.resourceType)).toEqual([
      'instance',
      'volume',
    ]);
  });
});

describe('workloads without NAT (issue 18.3)', () => {
  it('are rejected on network.natGateways, with the reason', () => {
    const input = base();
    input.network.natGateways = 'none';
    const result = validateTarget(input);
    expect(result.ok).toBe(false);
    const problem = result.problems.find((p) => p.path === 'network.natGateways');
    expect(problem?.message).toMatch(/cannot pull public images/);
    expect(problem?.message).toMatch(/kubectl Lambda/);
  });

  it('are fine without the workloads section', () => {
    const input = base();
    input.network.natGateways = 'none';
    delete input.workloads;
    expect(validateTarget(input).ok).toBe(true);
  });
});

describe('reaching the cluster endpoint from the deployer (issue 18.9)', () => {
  const warned = (mutate: (input: Record<string, any>) => void) => {
    const input = base();
    mutate(input);
    const result = validateTarget(input);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return targetWarnings(result.spec);
  };

  it('warns when the endpoint is private: Terraform, CDKTF and Pulumi must run inside the VPC', () => {
    const warnings = warned((input) => {
      input.cluster.endpoint = { privateAccess: true, publicAccess: false };
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.path).toBe('cluster.endpoint.publicAccess');
    expect(warnings[0]!.message).toMatch(/Terraform, CDKTF, Pulumi/);
  });

  it('warns when public CIDRs may leave the deployer out', () => {
    const warnings = warned((input) => {
      input.cluster.endpoint.publicAccessCidrs = ['203.0.113.0/24'];
    });
    expect(warnings.map((w) => w.path)).toEqual(['cluster.endpoint.publicAccessCidrs']);
    expect(warnings[0]!.message).toContain('203.0.113.0/24');
  });

  it('is silent for an open public endpoint, and without workloads', () => {
    expect(warned(() => {})).toEqual([]);
    expect(
      warned((input) => {
        delete input.workloads;
        input.cluster.endpoint = { privateAccess: true, publicAccess: false };
      }),
    ).toEqual([]);
  });
});

describe("the app's command (issue 18.1)", () => {
  it('is on the Deployment container when given, and an empty one is rejected', () => {
    const deployment = resolveTarget(loadTarget()).workloads!.objects.find((o) => o.kind === 'Deployment')!;
    const container = (deployment.spec as any).template.spec.containers[0];
    expect(container.image).toBe('docker.io/library/elixir:1.17.3-otp-27-alpine');
    expect(container.command.slice(0, 6)).toEqual([
      'elixir',
      '--name',
      '$(RELEASE_NODE)',
      '--cookie',
      '$(RELEASE_COOKIE)',
      '-e',
    ]);
    const input = base();
    input.workloads.app.command = [];
    const result = validateTarget(input);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['workloads.app.command']);
  });
});

describe('Helm release namespaces (review 18, R2)', () => {
  const withRelease = (namespace: string) => {
    const input = base();
    input.workloads.helmReleases = [
      {
        name: 'podinfo',
        chart: 'podinfo',
        repository: 'oci://ghcr.io/stefanprodan/charts',
        version: '6.9.2',
        namespace,
      },
    ];
    return resolveTarget(parseTarget(input)).workloads!.helmReleases[0]!;
  };

  it('creates a namespace nothing else creates, and only that one', () => {
    expect(withRelease('monitoring')).toMatchObject({ namespaceFrom: 'release', createNamespace: true });
    expect(withRelease('kube-system')).toMatchObject({ namespaceFrom: 'cluster', createNamespace: false });
    expect(withRelease('default')).toMatchObject({ namespaceFrom: 'cluster', createNamespace: false });
  });

  it("leaves the app's namespace to its Namespace object, which the release waits for", () => {
    expect(withRelease(base().workloads.namespace ?? 'phoenix')).toMatchObject({
      namespaceFrom: 'namespace object',
      createNamespace: false,
    });
  });
});

describe('the arbitraries generate the new cases', () => {
  const sample = fc.sample(arbitraryTarget, { numRuns: 150, seed: 18 });

  it('include targets without tags', () => {
    expect(sample.some((spec) => Object.keys(spec.tags).length === 0)).toBe(true);
  });

  it('include Helm releases from an oci:// repository', () => {
    expect(
      sample.some((spec) => spec.workloads?.helmReleases.some((r) => r.repository.startsWith('oci://'))),
    ).toBe(true);
  });

  it('put Helm releases in every kind of namespace: a system one, the app’s, and one the release creates', () => {
    const sources = new Set(
      sample.flatMap((spec) => resolveTarget(spec).workloads?.helmReleases.map((r) => r.namespaceFrom) ?? []),
    );
    expect([...sources].sort()).toEqual(['cluster', 'namespace object', 'release']);
  });

  it('never give workloads to a target without NAT', () => {
    expect(sample.some((spec) => spec.network.natGateways === 'none')).toBe(true);
    expect(sample.filter((spec) => spec.network.natGateways === 'none' && spec.workloads)).toEqual([]);
  });
});
