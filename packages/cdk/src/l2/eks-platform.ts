/**
 * EksPlatform — an L3 construct: a VPC across explicit availability zones and an EKS cluster with
 * managed node groups, built from aws-cdk-lib's L2 constructs (ec2.Vpc, aws-eks-v2, kms, logs, iam).
 * It knows nothing of iac-compare's spec; the app maps the spec onto these props.
 */
import { createHash } from 'node:crypto';
import { KubectlV33Layer } from '@aws-cdk/lambda-layer-kubectl-v33';
import { KubectlV36Layer } from '@aws-cdk/lambda-layer-kubectl-v36';
import { Annotations, Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FixedSubnetCidrs } from './fixed-subnet-cidrs.js';

export type NatGatewayStrategy = 'none' | 'single' | 'per-az';

export interface EksPlatformNodeGroup {
  /** Node group name (also the construct id). */
  readonly name: string;
  readonly instanceTypes: string[];
  /** @default eks.CapacityType.ON_DEMAND */
  readonly capacityType?: eks.CapacityType;
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  /** Size of the root (AL2023) or data (Bottlerocket) volume, GiB. @default 50 */
  readonly diskSize?: number;
  /** @default eks.NodegroupAmiType.AL2023_X86_64_STANDARD */
  readonly amiType?: eks.NodegroupAmiType;
  /** @default - no labels */
  readonly labels?: Record<string, string>;
  /** @default - no taints */
  readonly taints?: eks.TaintSpec[];
  /** Nodes replaced at once during an update. @default - EKS's own default (one node) */
  readonly maxUnavailable?: number;
  /** Share of the nodes replaced at once during an update, in percent. @default - see maxUnavailable */
  readonly maxUnavailablePercentage?: number;
  /** Update even when pods cannot be drained. @default true (the aws-eks-v2 default) */
  readonly forceUpdate?: boolean;
  /**
   * What the launch template tags with the stack's tags. @default ['instance', 'volume'] (what
   * ec2.LaunchTemplate does on its own)
   */
  readonly propagateTagsTo?: ('instance' | 'volume' | 'network-interface')[];
}

export interface EksPlatformAccessEntry {
  /** IAM role or user ARN. */
  readonly principalArn: string;
  /** @default - none */
  readonly kubernetesGroups?: string[];
  /** @default - no access policies */
  readonly accessPolicies?: eks.IAccessPolicy[];
}

export interface EksPlatformAddon {
  readonly name: string;
  /** @default - the EKS default version for the cluster's Kubernetes version */
  readonly version?: string;
  /**
   * Order relative to the node groups: `before` makes every node group wait for the add-on (the
   * CNI and kube-proxy, without which nodes never become Ready); `after` creates it once the node
   * groups exist (Deployment add-ons such as coredns only become ACTIVE when nodes run them).
   * @default 'any'
   */
  readonly order?: 'before' | 'after' | 'any';
}

export interface EksPlatformProps {
  /** The VPC's IPv4 block. */
  readonly vpcCidr: string;
  /** Availability zones, in order; the first holds the NAT gateway of the `single` strategy. */
  readonly availabilityZones: string[];
  /**
   * Subnet CIDRs: subnet group (`public`, `private`, `intra`) → AZ → CIDR. A missing `intra`
   * group means no intra tier.
   */
  readonly subnetCidrs: {
    public: Record<string, string>;
    private: Record<string, string>;
    intra?: Record<string, string>;
  };
  /** @default 'per-az' */
  readonly natGateways?: NatGatewayStrategy;
  /** @default true */
  readonly enableDnsSupport?: boolean;
  /** @default true */
  readonly enableDnsHostnames?: boolean;
  /** Remove every rule from the VPC's default security group. @default true (as ec2.Vpc) */
  readonly restrictDefaultSecurityGroup?: boolean;
  readonly clusterName: string;
  readonly kubernetesVersion: eks.KubernetesVersion;
  /** @default eks.EndpointAccess.PUBLIC_AND_PRIVATE */
  readonly endpointAccess?: eks.EndpointAccess;
  /** @default - all five control-plane log types */
  readonly clusterLogging?: eks.ClusterLoggingTypes[];
  /** @default logs.RetentionDays.THREE_MONTHS */
  readonly logRetention?: logs.RetentionDays;
  /** @default true */
  readonly secretsKeyRotation?: boolean;
  /** @default Duration.days(30) */
  readonly secretsKeyPendingWindow?: Duration;
  /** What deleting the stack does to the key. @default RemovalPolicy.RETAIN (the kms.Key default) */
  readonly secretsKeyRemovalPolicy?: RemovalPolicy;
  /** What deleting the stack does to the control-plane log group. @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** @default 'API' */
  readonly authenticationMode?: 'API' | 'API_AND_CONFIG_MAP';
  /** @default false */
  readonly bootstrapClusterCreatorAdminPermissions?: boolean;
  /**
   * A kubectl provider for `addManifest` and `addHelmChart`. `inVpc`: the Lambda runs in the
   * private subnets (kubectl reaches the private endpoint, helm fetches charts through the NAT);
   * otherwise outside the VPC, through the public endpoint, which must admit Lambda's addresses.
   * @default - none: the cluster runs no kubectl
   */
  readonly kubectl?: { readonly inVpc: boolean };
  /** @default - vpc-cni, kube-proxy, coredns (after node groups) and eks-pod-identity-agent */
  readonly addons?: EksPlatformAddon[];
  /** @default - none */
  readonly accessEntries?: EksPlatformAccessEntry[];
  readonly nodeGroups: EksPlatformNodeGroup[];
  /** Tags for every taggable resource. @default - none */
  readonly tags?: Record<string, string>;
}

const ALL_LOG_TYPES = [
  eks.ClusterLoggingTypes.API,
  eks.ClusterLoggingTypes.AUDIT,
  eks.ClusterLoggingTypes.AUTHENTICATOR,
  eks.ClusterLoggingTypes.CONTROLLER_MANAGER,
  eks.ClusterLoggingTypes.SCHEDULER,
];

const DEFAULT_ADDONS: EksPlatformAddon[] = [
  { name: 'vpc-cni', order: 'before' },
  { name: 'kube-proxy', order: 'before' },
  { name: 'coredns', order: 'after' },
  { name: 'eks-pod-identity-agent' },
];

/** Interface endpoints nodes need when private subnets have no NAT. */
const PRIVATE_CLUSTER_ENDPOINTS: [string, ec2.InterfaceVpcEndpointAwsService][] = [
  ['Ec2', ec2.InterfaceVpcEndpointAwsService.EC2],
  ['EcrApi', ec2.InterfaceVpcEndpointAwsService.ECR],
  ['EcrDkr', ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER],
  ['Sts', ec2.InterfaceVpcEndpointAwsService.STS],
  ['EksAuth', ec2.InterfaceVpcEndpointAwsService.EKS_AUTH],
];

/**
 * The kubectl layers this construct can put in aws-eks-v2's kubectl provider, by kubectl's minor
 * version. kubectl is supported within one minor version of the API server (Kubernetes version
 * skew policy: "kubectl is supported within one minor version (older or newer) of kube-apiserver"),
 * so v1.33 serves clusters 1.32-1.34 and v1.36 serves 1.35-1.37 (there is no v1.37 layer yet).
 */
export const KUBECTL_LAYERS: readonly {
  readonly minor: number;
  readonly create: (scope: Construct, id: string) => lambda.ILayerVersion;
}[] = [
  { minor: 33, create: (scope, id) => new KubectlV33Layer(scope, id) },
  { minor: 36, create: (scope, id) => new KubectlV36Layer(scope, id) },
];

/** The kubectl layer (its minor version) that serves a cluster version, within one minor version of skew. */
export function kubectlLayerMinorFor(kubernetesVersion: string): number {
  const minor = Number(/^1\.(\d+)$/.exec(kubernetesVersion)?.[1]);
  const layer = KUBECTL_LAYERS.filter((candidate) => Math.abs(candidate.minor - minor) <= 1).at(-1);
  if (!layer) {
    throw new Error(
      `no kubectl layer serves Kubernetes ${kubernetesVersion} (layers: ${KUBECTL_LAYERS.map((l) => `1.${l.minor}`).join(', ')}; kubectl supports one minor version of skew)`,
    );
  }
  return layer.minor;
}

/**
 * A construct id for an access entry that two principals never share: the ARN's last segment (for
 * a person reading the tree) and a digest of the whole ARN (roles with one name in two accounts).
 */
export function accessEntryId(principalArn: string): string {
  const name = (principalArn.split('/').at(-1) ?? 'principal').replace(/[^A-Za-z0-9]/g, '');
  return `AccessEntry${name}${createHash('sha256').update(principalArn).digest('hex').slice(0, 8)}`;
}

/** Block device that carries node storage for an AMI family. */
function volumeDeviceName(amiType: eks.NodegroupAmiType): string {
  return amiType.startsWith('BOTTLEROCKET') ? '/dev/xvdb' : '/dev/xvda';
}

export class EksPlatform extends Construct {
  readonly vpc: ec2.Vpc;
  readonly cluster: eks.Cluster;
  readonly secretsKey: kms.Key;
  readonly nodeRole: iam.Role;
  readonly nodeGroups: eks.Nodegroup[];

  constructor(scope: Construct, id: string, props: EksPlatformProps) {
    super(scope, id);
    const nat = props.natGateways ?? 'per-az';
    const hasIntra = props.subnetCidrs.intra !== undefined;

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: new FixedSubnetCidrs(props.vpcCidr, props.subnetCidrs),
      availabilityZones: props.availabilityZones,
      enableDnsSupport: props.enableDnsSupport ?? true,
      enableDnsHostnames: props.enableDnsHostnames ?? true,
      restrictDefaultSecurityGroup: props.restrictDefaultSecurityGroup ?? true,
      natGateways: nat === 'none' ? 0 : nat === 'single' ? 1 : props.availabilityZones.length,
      natGatewaySubnets: { subnetGroupName: 'public' },
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: true },
        // ec2.Vpc refuses egress subnets without NAT: with no NAT the private tier is isolated and
        // reaches AWS through the endpoints below.
        {
          name: 'private',
          subnetType: nat === 'none' ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PRIVATE_WITH_EGRESS,
        },
        ...(hasIntra ? [{ name: 'intra', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] : []),
      ],
    });
    const privateSubnets: ec2.SubnetSelection = { subnetGroupName: 'private' };
    // Tags.of() reaches a construct's whole subtree, and ec2.Vpc puts each NAT gateway and its EIP
    // inside the public subnet's construct: limit the ELB role tags to the subnets themselves.
    // (aws-eks-v2 adds the same tags without that limit; see below.)
    const subnetsOnly = { includeResourceTypes: ['AWS::EC2::Subnet'] };
    for (const subnet of this.vpc.selectSubnets({ subnetGroupName: 'public' }).subnets) {
      Tags.of(subnet).add('kubernetes.io/role/elb', '1', subnetsOnly);
    }
    for (const subnet of this.vpc.selectSubnets(privateSubnets).subnets) {
      Tags.of(subnet).add('kubernetes.io/role/internal-elb', '1', subnetsOnly);
    }
    if (nat === 'none') {
      this.vpc.addGatewayEndpoint('S3Endpoint', {
        service: ec2.GatewayVpcEndpointAwsService.S3,
        subnets: [privateSubnets],
      });
      for (const [name, service] of PRIVATE_CLUSTER_ENDPOINTS) {
        this.vpc.addInterfaceEndpoint(`${name}Endpoint`, {
          service,
          subnets: privateSubnets,
          privateDnsEnabled: true,
        });
      }
    }

    this.secretsKey = new kms.Key(this, 'SecretsKey', {
      alias: `alias/${props.clusterName}-eks-secrets`,
      description: `EKS secrets envelope encryption for ${props.clusterName}`,
      enableKeyRotation: props.secretsKeyRotation ?? true,
      pendingWindow: props.secretsKeyPendingWindow ?? Duration.days(30),
      removalPolicy: props.secretsKeyRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    // EKS writes to this group; creating it first lets us set its retention. The cluster depends
    // on it, so on delete the group goes after the cluster (EKS may still re-create it from late
    // log events: see the package README).
    const logGroup = new logs.LogGroup(this, 'ControlPlaneLogs', {
      logGroupName: `/aws/eks/${props.clusterName}/cluster`,
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.cluster = new eks.Cluster(this, 'Cluster', {
      clusterName: props.clusterName,
      version: props.kubernetesVersion,
      vpc: this.vpc,
      vpcSubnets: [{ subnetGroupName: hasIntra ? 'intra' : 'private' }],
      endpointAccess: props.endpointAccess ?? eks.EndpointAccess.PUBLIC_AND_PRIVATE,
      secretsEncryptionKey: this.secretsKey,
      clusterLogging: props.clusterLogging ?? ALL_LOG_TYPES,
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      bootstrapClusterCreatorAdminPermissions: props.bootstrapClusterCreatorAdminPermissions ?? false,
      bootstrapSelfManagedAddons: false,
      ...(props.kubectl
        ? {
            kubectlProviderOptions: {
              kubectlLayer: KUBECTL_LAYERS.find(
                (layer) => layer.minor === kubectlLayerMinorFor(props.kubernetesVersion.version),
              )!.create(this, 'KubectlLayer'),
            },
          }
        : {}),
    });
    this.cluster.node.addDependency(logGroup);
    if (props.kubectl?.inVpc) {
      // With the private endpoint on, aws-eks-v2 (2.276) places the kubectl Lambda and its provider
      // framework's onEvent Lambda in the cluster's non-public subnets and ignores
      // kubectlProviderOptions.privateSubnets: here the intra tier, with no way out (helm cannot
      // fetch a chart, onEvent cannot answer CloudFormation). The escape hatch moves both to the
      // private tier.
      const kubectl = this.cluster.node.tryFindChild('KubectlProvider');
      const lambdas = [
        kubectl?.node.tryFindChild('Handler'),
        kubectl?.node.tryFindChild('Provider')?.node.tryFindChild('framework-onEvent'),
      ].map((fn) => fn?.node.defaultChild as lambda.CfnFunction | undefined);
      for (const cfnFunction of lambdas) {
        if (!cfnFunction)
          throw new Error('aws-eks-v2 changed its kubectl provider: revisit the kubectl placement');
        cfnFunction.addPropertyOverride(
          'VpcConfig.SubnetIds',
          this.vpc.selectSubnets(privateSubnets).subnetIds,
        );
      }
    }
    // aws-eks-v2 also tags every public and private subnet for load balancers, with Tags.of(subnet):
    // that reaches the route tables, NAT gateways and EIPs ec2.Vpc keeps inside the subnets'
    // constructs. Take it off them: the tag marks subnets, nothing else.
    for (const subnet of [...this.vpc.publicSubnets, ...this.vpc.privateSubnets]) {
      for (const key of ['kubernetes.io/role/elb', 'kubernetes.io/role/internal-elb']) {
        Tags.of(subnet).remove(key, {
          includeResourceTypes: ['AWS::EC2::NatGateway', 'AWS::EC2::EIP', 'AWS::EC2::RouteTable'],
          priority: 300,
        });
      }
    }
    // Control-plane ENIs in isolated (intra) subnets are the point; kubectl, when there is one,
    // runs outside the VPC or in the private subnets (kubectl.inVpc), never in the intra tier.
    Annotations.of(this.cluster).acknowledgeWarning(
      '@aws-cdk/aws-eks:isolatedSubnetsForKubectlPrivateSubnets',
      'The control plane ENIs live in the intra tier on purpose; the kubectl provider does not run there.',
    );
    // aws-eks-v2 renders PublicAccessCidrs only for PUBLIC_AND_PRIVATE.onlyFrom(); PUBLIC and PRIVATE
    // leave it out. CloudFormation requires it to stay in the template once set ("you must include
    // these properties if the previous CloudFormation template of the resource had them", resource
    // reference, AWS::EKS::Cluster ResourcesVpcConfig), so turning the public endpoint off (or the
    // private one) would fail the stack update. Send EKS's own default then: it only governs the
    // public endpoint.
    const cfnCluster = this.cluster.node.defaultChild as eks.CfnCluster;
    const vpcConfig = cfnCluster.resourcesVpcConfig as eks.CfnCluster.ResourcesVpcConfigProperty;
    if (!vpcConfig.publicAccessCidrs) {
      cfnCluster.addPropertyOverride('ResourcesVpcConfig.PublicAccessCidrs', ['0.0.0.0/0']);
    }
    if ((props.authenticationMode ?? 'API') !== 'API') {
      // aws-eks-v2 always asks for API mode; the L1 escape hatch sets the other one.
      cfnCluster.addPropertyOverride('AccessConfig.AuthenticationMode', props.authenticationMode);
    }

    this.nodeRole = new iam.Role(this, 'NodeRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [
        'AmazonEKSWorkerNodePolicy',
        'AmazonEKS_CNI_Policy',
        'AmazonEC2ContainerRegistryReadOnly',
      ].map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });

    const addons = props.addons ?? DEFAULT_ADDONS;
    // Nodes in the private subnets reach EKS and ECR through the NAT route: start no node group
    // before the subnets' default routes exist (ec2.Vpc exposes them as one dependable).
    const privateEgress = this.vpc.selectSubnets(privateSubnets).internetConnectivityEstablished;
    const addAddon = (addon: EksPlatformAddon): eks.Addon => {
      const resource = new eks.Addon(this, `Addon-${addon.name}`, {
        cluster: this.cluster,
        addonName: addon.name,
        addonVersion: addon.version,
      });
      // The L2 does not expose ResolveConflicts; OVERWRITE lets the managed add-on take over
      // whatever EKS or a previous install left behind.
      (resource.node.defaultChild as eks.CfnAddon).resolveConflicts = 'OVERWRITE';
      return resource;
    };
    // DaemonSet add-ons first: nodes only become Ready once the CNI runs on them.
    const beforeNodes = addons.filter((addon) => addon.order === 'before').map(addAddon);

    this.nodeGroups = props.nodeGroups.map((group) => {
      const amiType = group.amiType ?? eks.NodegroupAmiType.AL2023_X86_64_STANDARD;
      const launchTemplate = new ec2.LaunchTemplate(this, `${group.name}LaunchTemplate`, {
        requireImdsv2: true,
        httpPutResponseHopLimit: 2,
        blockDevices: [
          {
            deviceName: volumeDeviceName(amiType),
            volume: ec2.BlockDeviceVolume.ebs(group.diskSize ?? 50, {
              volumeType: ec2.EbsDeviceVolumeType.GP3,
              encrypted: true,
            }),
          },
        ],
      });
      // ec2.LaunchTemplate tags itself with Name = its construct path, and so the instances and
      // volumes it launches (aws-ec2 launch-template.ts: Tags.of(this).add(NAME_TAG, node.path));
      // the other five tag what a template launches with the target's tags only. Take it off.
      Tags.of(launchTemplate).remove('Name', { priority: 300 });
      const propagate = group.propagateTagsTo ?? ['instance', 'volume'];
      const tags = Object.entries(props.tags ?? {}).map(([key, value]) => ({ Key: key, Value: value }));
      const cfnTemplate = launchTemplate.node.defaultChild as ec2.CfnLaunchTemplate;
      if (tags.length === 0 || propagate.length === 0) {
        // EC2 rejects a tag specification with no tags (InvalidTagSpecification.Malformed): none.
        cfnTemplate.addPropertyDeletionOverride('LaunchTemplateData.TagSpecifications');
      } else if (propagate.join() !== 'instance,volume') {
        // ec2.LaunchTemplate tags instance and volume only; anything else takes the L1 property.
        cfnTemplate.addPropertyOverride(
          'LaunchTemplateData.TagSpecifications',
          propagate.map((resourceType) => ({ ResourceType: resourceType, Tags: tags })),
        );
      }
      // No nodegroupName: CloudFormation generates one, so a change that replaces the group (its
      // instance types) creates the new group before deleting the old. The Name tag carries the
      // group's name for people and for iac-compare.
      const nodegroup = this.cluster.addNodegroupCapacity(group.name, {
        tags: { Name: group.name },
        instanceTypes: group.instanceTypes.map((type) => new ec2.InstanceType(type)),
        capacityType: group.capacityType ?? eks.CapacityType.ON_DEMAND,
        minSize: group.minSize,
        desiredSize: group.desiredSize,
        maxSize: group.maxSize,
        amiType,
        labels: group.labels,
        taints: group.taints,
        nodeRole: this.nodeRole,
        subnets: privateSubnets,
        maxUnavailable: group.maxUnavailable,
        maxUnavailablePercentage: group.maxUnavailablePercentage,
        forceUpdate: group.forceUpdate ?? true,
        launchTemplateSpec: {
          id: launchTemplate.launchTemplateId!,
          version: launchTemplate.latestVersionNumber,
        },
      });
      nodegroup.node.addDependency(...beforeNodes, privateEgress);
      return nodegroup;
    });

    // Deployment add-ons (coredns) only become ACTIVE once nodes can run them.
    for (const addon of addons.filter((candidate) => candidate.order !== 'before')) {
      const resource = addAddon(addon);
      if (addon.order === 'after') resource.node.addDependency(...this.nodeGroups);
    }

    for (const entry of props.accessEntries ?? []) {
      const accessEntry = new eks.AccessEntry(this, accessEntryId(entry.principalArn), {
        cluster: this.cluster,
        principal: entry.principalArn,
        accessPolicies: entry.accessPolicies ?? [],
      });
      if (entry.kubernetesGroups?.length) {
        // Not exposed by the L2 AccessEntry either.
        (accessEntry.node.defaultChild as eks.CfnAccessEntry).kubernetesGroups = entry.kubernetesGroups;
      }
    }

    for (const [key, value] of Object.entries(props.tags ?? {})) Tags.of(this).add(key, value);
  }
}
