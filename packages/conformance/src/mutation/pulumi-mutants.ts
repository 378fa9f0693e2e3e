/** Mutants of the Pulumi program (the catalogue's rules are in mutants.ts). */
import { type Mutant, NODE_GROUPS, withoutNat } from './mutant.js';

const PULUMI_NETWORK = 'src/network.ts';
const PULUMI_CLUSTER = 'src/cluster.ts';

export const PULUMI_MUTANTS: readonly Mutant[] = [
  {
    id: 'pulumi-nodes-before-endpoints',
    implementation: 'pulumi',
    description: 'without NAT, node groups no longer wait for the VPC endpoints',
    target: withoutNat,
    edits: [{ file: PULUMI_NETWORK, find: '        this.privateEgress.push(resource);\n', replace: '' }],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.waitsForPrivateEgress differs$`)],
  },
  // ---- Pulumi -----------------------------------------------------------------------------
  {
    id: 'pulumi-node-group-delete-first',
    implementation: 'pulumi',
    description: 'deleteBeforeReplace on the node groups',
    ci: true,
    edits: [
      {
        file: PULUMI_CLUSTER,
        find: 'dependsOn: [...nodeAttachments, ...beforeNodes, ...privateEgress],\n          // The cluster autoscaler',
        replace:
          'dependsOn: [...nodeAttachments, ...beforeNodes, ...privateEgress],\n          deleteBeforeReplace: true,\n          // The cluster autoscaler',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.replacement differs$`)],
  },
  {
    id: 'pulumi-desired-size-reverted',
    implementation: 'pulumi',
    description: 'ignoreChanges on the desired size removed',
    edits: [
      {
        file: PULUMI_CLUSTER,
        find: "ignoreChanges: group.desiredSizeDrift === 'keep' ? ['scalingConfig.desiredSize'] : [],",
        replace: 'ignoreChanges: [],',
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.desiredSizeDrift differs$`)],
  },
  {
    id: 'pulumi-log-group-retained',
    implementation: 'pulumi',
    description: 'retainOnDelete on the log group whatever the spec says',
    edits: [
      {
        file: PULUMI_CLUSTER,
        find: "retainOnDelete: infra.logGroup.onDelete === 'retain'",
        replace: 'retainOnDelete: true',
      },
    ],
    expect: [/^fact logGroup\.onDelete differs$/],
  },
  {
    id: 'pulumi-default-sg-open',
    implementation: 'pulumi',
    description: 'the default security group adopted with SSH open to the world',
    ci: true,
    edits: [
      {
        file: PULUMI_NETWORK,
        find: 'ingress: [], egress: [],',
        replace:
          "ingress: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrBlocks: ['0.0.0.0/0'] }], egress: [],",
      },
    ],
    expect: [/^fact vpc\.restrictDefaultSecurityGroup differs$/],
  },
  {
    id: 'pulumi-stray-bucket',
    implementation: 'pulumi',
    description: 'an S3 bucket the spec never asked for',
    edits: [
      {
        file: PULUMI_NETWORK,
        find: "import * as pulumi from '@pulumi/pulumi';",
        replace: "import * as pulumi from '@pulumi/pulumi';\nimport * as s3 from '@pulumi/aws/s3/index.js';",
      },
      {
        file: PULUMI_NETWORK,
        find: 'const child = { parent: this };',
        replace: "const child = { parent: this };\n    new s3.Bucket('stray', {}, child);",
      },
    ],
    expect: [/^unaccounted aws:s3\/\w+:\w+$/],
  },
  {
    id: 'pulumi-private-endpoint-off',
    implementation: 'pulumi',
    description: 'the private API endpoint hard-coded off',
    edits: [
      {
        file: PULUMI_CLUSTER,
        find: 'endpointPrivateAccess: c.endpointPrivateAccess,',
        replace: 'endpointPrivateAccess: false,',
      },
    ],
    expect: [/^fact cluster\.endpointPrivateAccess differs$/],
  },
  {
    id: 'pulumi-extra-label',
    implementation: 'pulumi',
    description: 'a label the spec never asked for on every node group',
    edits: [
      {
        file: PULUMI_CLUSTER,
        find: 'labels: { ...group.labels },',
        replace: "labels: { ...group.labels, extra: 'yes' },",
      },
    ],
    expect: [new RegExp(`^fact nodeGroup\\[${NODE_GROUPS}\\]\\.labels differs$`)],
  },
  {
    id: 'pulumi-nat-routes-to-igw',
    implementation: 'pulumi',
    description: 'private default routes to the internet gateway (the private tier becomes public)',
    edits: [
      {
        file: PULUMI_NETWORK,
        find: 'natGatewayId: natIds.get(subnet.defaultRoute.availabilityZone)!,',
        replace: 'gatewayId: igw.id,',
      },
    ],
    expect: [/^fact subnet\[private\/eu-west-1[abc]\]\.defaultRoute differs$/],
  },
];
