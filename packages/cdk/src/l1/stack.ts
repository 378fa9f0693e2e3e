/**
 * The L1 app: the same target with Cfn* classes only. Every resource, route and dependency is
 * spelled out — what the L2 constructs do for you, made visible.
 */
import { createHash } from 'node:crypto';
import { type Infrastructure, resolveTarget, type SubnetKey, type TargetSpec } from '@iac-compare/spec';
import {
  CfnDeletionPolicy,
  CfnResource,
  type CfnTag,
  Stack,
  type StackProps,
  Tags,
  Validations,
} from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * The function behind Custom::RestrictDefaultSecurityGroup: revoke every rule of the VPC's default
 * security group on create and update (CloudFormation has no resource for the default group), and
 * give it back AWS's default rules on delete (the field turned off, or the stack deleted), as
 * aws-cdk-lib's own handler does (custom-resource-handlers aws-ec2/restrict-default-security-group-
 * handler: Delete authorizes ingress from the group itself and egress to 0.0.0.0/0).
 * Inline, so the template deploys without an asset bucket; `cfnresponse` ships with inline Python.
 */
export const RESTRICT_DEFAULT_SG_HANDLER = `import boto3
import cfnresponse


def default_rules(group_id, account):
    # AWS's own rules for a default group: all traffic from the group itself, all traffic out.
    return (
        [{"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": group_id, "UserId": account}]}],
        [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
    )


def handler(event, context):
    group_id = event["ResourceProperties"]["DefaultSecurityGroupId"]
    try:
        ec2 = boto3.client("ec2")
        if event["RequestType"] in ("Create", "Update"):
            group = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
            if group["IpPermissions"]:
                ec2.revoke_security_group_ingress(GroupId=group_id, IpPermissions=group["IpPermissions"])
            if group["IpPermissionsEgress"]:
                ec2.revoke_security_group_egress(GroupId=group_id, IpPermissions=group["IpPermissionsEgress"])
        else:
            # Delete (restrictDefaultSecurityGroup turned off, or the stack deleted): give the
            # group back AWS's default rules, as aws-cdk-lib's ec2.Vpc handler does.
            ingress, egress = default_rules(group_id, event["ResourceProperties"]["Account"])
            for authorize, rules in ((ec2.authorize_security_group_ingress, ingress), (ec2.authorize_security_group_egress, egress)):
                try:
                    authorize(GroupId=group_id, IpPermissions=rules)
                except ec2.exceptions.ClientError as error:
                    code = error.response["Error"]["Code"]
                    if code not in ("InvalidPermission.Duplicate", "InvalidGroup.NotFound"):
                        raise
        cfnresponse.send(event, context, cfnresponse.SUCCESS, {}, group_id)
    except Exception as error:
        cfnresponse.send(event, context, cfnresponse.FAILED, {"Error": str(error)}, group_id)
`;

/** Logical-ID suffix of an access entry: its ARN's last segment and a digest of the whole ARN. */
function accessEntryId(principalArn: string): string {
  const name = (principalArn.split('/').at(-1) ?? 'principal').replace(/[^A-Za-z0-9]/g, '');
  return `AccessEntry${name}${createHash('sha256').update(principalArn).digest('hex').slice(0, 8)}`;
}

function deletionPolicy(behaviour: 'delete' | 'retain'): CfnDeletionPolicy {
  return behaviour === 'retain' ? CfnDeletionPolicy.RETAIN : CfnDeletionPolicy.DELETE;
}

/** DeletionPolicy and UpdateReplacePolicy alike: a replaced key or log group is kept or deleted as on delete. */
function setDeletionPolicy(resource: CfnResource, behaviour: 'delete' | 'retain'): void {
  resource.cfnOptions.deletionPolicy = deletionPolicy(behaviour);
  resource.cfnOptions.updateReplacePolicy = deletionPolicy(behaviour);
}

/** AZ name → construct-id suffix: eu-west-1a → EuWest1a. */
function azId(availabilityZone: string): string {
  return availabilityZone
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function tagList(tags: Record<string, string>): CfnTag[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

function assumeRolePolicy(service: string) {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  };
}

export class L1Stack extends Stack {
  constructor(scope: Construct, id: string, spec: TargetSpec, props: StackProps = {}) {
    super(scope, id, {
      description: `iac-compare ${spec.name}: VPC + EKS with AWS CDK L1 (Cfn*) constructs`,
      ...props,
    });
    const infra = resolveTarget(spec);
    const { subnetIds, privateEgress } = this.buildNetwork(infra);
    this.buildCluster(infra, subnetIds, privateEgress);
    for (const [key, value] of Object.entries(spec.tags)) Tags.of(this).add(key, value);
    Validations.of(this).acknowledge({
      id: 'CloudFormation-Validate::W9009',
      reason:
        'EncryptionConfig.Resources is marked deprecated (secrets is the only value) but EKS still takes it, and aws-eks-v2 emits it',
    });
  }

  private buildNetwork(infra: Infrastructure): {
    subnetIds: Map<SubnetKey, string>;
    privateEgress: CfnResource[];
  } {
    const vpc = new ec2.CfnVPC(this, 'Vpc', {
      cidrBlock: infra.vpc.cidr,
      enableDnsSupport: infra.vpc.enableDnsSupport,
      enableDnsHostnames: infra.vpc.enableDnsHostnames,
    });
    const igw = new ec2.CfnInternetGateway(this, 'InternetGateway', {});
    const attachment = new ec2.CfnVPCGatewayAttachment(this, 'InternetGatewayAttachment', {
      vpcId: vpc.ref,
      internetGatewayId: igw.ref,
    });

    const subnetIds = new Map<SubnetKey, string>();
    for (const subnet of infra.subnets) {
      const resource = new ec2.CfnSubnet(this, `${subnet.tier}Subnet${azId(subnet.availabilityZone)}`, {
        vpcId: vpc.ref,
        cidrBlock: subnet.cidr,
        availabilityZone: subnet.availabilityZone,
        mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
        // Only the tags that are not the target's common tags; those come from Tags.of(stack).
        tags: tagList(
          Object.fromEntries(Object.entries(subnet.tags).filter(([key]) => key.startsWith('kubernetes.io/'))),
        ),
      });
      subnetIds.set(subnet.key, resource.ref);
    }

    // Public: one route table for the tier, default route to the internet gateway.
    const publicTable = new ec2.CfnRouteTable(this, 'PublicRouteTable', { vpcId: vpc.ref });
    const internetRoute = new ec2.CfnRoute(this, 'PublicDefaultRoute', {
      routeTableId: publicTable.ref,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igw.ref,
    });
    // A route through an internet gateway fails until the gateway is attached to the VPC.
    internetRoute.addResourceDependency(attachment, 'the gateway must be attached before a route can use it');

    const natIds = new Map<string, string>();
    for (const nat of infra.natGateways) {
      const id = azId(nat.availabilityZone);
      const eip = new ec2.CfnEIP(this, `NatEip${id}`, { domain: 'vpc' });
      eip.addResourceDependency(attachment, 'an EIP in a VPC needs the internet gateway attached');
      const gateway = new ec2.CfnNatGateway(this, `NatGateway${id}`, {
        subnetId: subnetIds.get(nat.subnet)!,
        allocationId: eip.attrAllocationId,
      });
      natIds.set(nat.availabilityZone, gateway.ref);
    }

    // Private: a route table per AZ, so each can point at its own NAT gateway.
    const privateTables: string[] = [];
    // What nodes in the private subnets need before they start: the NAT routes and the
    // associations that apply them, or without NAT the VPC endpoints.
    const privateEgress: CfnResource[] = [];
    const intraTable = infra.subnets.some((subnet) => subnet.tier === 'intra')
      ? new ec2.CfnRouteTable(this, 'IntraRouteTable', { vpcId: vpc.ref })
      : undefined;
    for (const subnet of infra.subnets) {
      const id = `${subnet.tier}${azId(subnet.availabilityZone)}`;
      let tableId: string;
      if (subnet.tier === 'public') tableId = publicTable.ref;
      else if (subnet.tier === 'intra') tableId = intraTable!.ref;
      else {
        const table = new ec2.CfnRouteTable(this, `PrivateRouteTable${azId(subnet.availabilityZone)}`, {
          vpcId: vpc.ref,
        });
        tableId = table.ref;
        privateTables.push(table.ref);
        if (subnet.defaultRoute.target === 'nat-gateway') {
          const route = new ec2.CfnRoute(this, `PrivateDefaultRoute${azId(subnet.availabilityZone)}`, {
            routeTableId: table.ref,
            destinationCidrBlock: '0.0.0.0/0',
            natGatewayId: natIds.get(subnet.defaultRoute.availabilityZone)!,
          });
          privateEgress.push(route);
        }
      }
      const association = new ec2.CfnSubnetRouteTableAssociation(this, `${id}RouteTableAssociation`, {
        subnetId: subnetIds.get(subnet.key)!,
        routeTableId: tableId,
      });
      if (subnet.tier === 'private') privateEgress.push(association);
    }

    if (infra.vpcEndpoints.length > 0) {
      const endpointGroup = new ec2.CfnSecurityGroup(this, 'EndpointSecurityGroup', {
        vpcId: vpc.ref,
        groupDescription: 'HTTPS from the VPC to the interface endpoints',
        securityGroupIngress: [
          {
            ipProtocol: 'tcp',
            fromPort: 443,
            toPort: 443,
            cidrIp: infra.vpc.cidr,
            description: 'HTTPS from the VPC',
          },
        ],
      });
      for (const endpoint of infra.vpcEndpoints) {
        const id = endpoint.service.replace(/[^A-Za-z0-9]/g, '');
        const resource = new ec2.CfnVPCEndpoint(this, `${id}Endpoint`, {
          vpcId: vpc.ref,
          serviceName: `com.amazonaws.${infra.region}.${endpoint.service}`,
          vpcEndpointType: endpoint.type,
          ...(endpoint.type === 'Gateway'
            ? { routeTableIds: privateTables }
            : {
                subnetIds: endpoint.subnets.map((key) => subnetIds.get(key)!),
                securityGroupIds: [endpointGroup.attrGroupId],
                privateDnsEnabled: endpoint.privateDnsEnabled,
              }),
        });
        privateEgress.push(resource);
      }
    }
    if (infra.vpc.restrictDefaultSecurityGroup) this.restrictDefaultSecurityGroup(vpc);
    return { subnetIds, privateEgress };
  }

  /** CloudFormation cannot change the default security group: a Lambda-backed custom resource does. */
  private restrictDefaultSecurityGroup(vpc: ec2.CfnVPC): void {
    const groupArn = `arn:${this.partition}:ec2:${this.region}:${this.account}:security-group/${vpc.attrDefaultSecurityGroup}`;
    const role = new iam.CfnRole(this, 'RestrictDefaultSecurityGroupRole', {
      assumeRolePolicyDocument: assumeRolePolicy('lambda.amazonaws.com'),
      managedPolicyArns: [`arn:${this.partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`],
      policies: [
        {
          policyName: 'RevokeDefaultSecurityGroupRules',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: 'ec2:DescribeSecurityGroups', Resource: '*' },
              {
                Effect: 'Allow',
                Action: [
                  'ec2:RevokeSecurityGroupIngress',
                  'ec2:RevokeSecurityGroupEgress',
                  'ec2:AuthorizeSecurityGroupIngress',
                  'ec2:AuthorizeSecurityGroupEgress',
                ],
                Resource: groupArn,
              },
            ],
          },
        },
      ],
    });
    const handler = new lambda.CfnFunction(this, 'RestrictDefaultSecurityGroupFunction', {
      runtime: 'python3.13',
      handler: 'index.handler',
      timeout: 60,
      role: role.attrArn,
      code: { zipFile: RESTRICT_DEFAULT_SG_HANDLER },
    });
    new CfnResource(this, 'RestrictDefaultSecurityGroup', {
      type: 'Custom::RestrictDefaultSecurityGroup',
      properties: {
        ServiceToken: handler.attrArn,
        DefaultSecurityGroupId: vpc.attrDefaultSecurityGroup,
        Account: this.account,
      },
    });
  }

  private buildCluster(
    infra: Infrastructure,
    subnetIds: Map<SubnetKey, string>,
    privateEgress: readonly CfnResource[],
  ): void {
    const key = new kms.CfnKey(this, 'SecretsKey', {
      description: `EKS secrets envelope encryption for ${infra.cluster.name}`,
      enableKeyRotation: infra.kmsKey.enableKeyRotation,
      pendingWindowInDays: infra.kmsKey.deletionWindowDays,
      keyPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountAdministers',
            Effect: 'Allow',
            Principal: { AWS: `arn:${this.partition}:iam::${this.account}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
        ],
      },
    });
    setDeletionPolicy(key, infra.kmsKey.onDelete);
    new kms.CfnAlias(this, 'SecretsKeyAlias', { aliasName: infra.kmsKey.alias, targetKeyId: key.ref });

    const logGroup = new logs.CfnLogGroup(this, 'ControlPlaneLogs', {
      logGroupName: infra.logGroup.name,
      retentionInDays: infra.logGroup.retentionDays,
    });
    setDeletionPolicy(logGroup, infra.logGroup.onDelete);

    const clusterRole = new iam.CfnRole(this, 'ClusterRole', {
      assumeRolePolicyDocument: assumeRolePolicy(infra.clusterRole.servicePrincipal),
      managedPolicyArns: [...infra.clusterRole.managedPolicyArns],
    });
    const nodeRole = new iam.CfnRole(this, 'NodeRole', {
      assumeRolePolicyDocument: assumeRolePolicy(infra.nodeRole.servicePrincipal),
      managedPolicyArns: [...infra.nodeRole.managedPolicyArns],
    });

    const c = infra.cluster;
    const cluster = new eks.CfnCluster(this, 'Cluster', {
      name: c.name,
      version: c.version,
      roleArn: clusterRole.attrArn,
      resourcesVpcConfig: {
        subnetIds: c.subnets.map((subnet) => subnetIds.get(subnet)!),
        endpointPrivateAccess: c.endpointPrivateAccess,
        endpointPublicAccess: c.endpointPublicAccess,
        // Always a list, EKS's default with the public endpoint off: CloudFormation requires the
        // property to stay once set (spec templatePublicAccessCidrs).
        publicAccessCidrs: c.endpointPublicAccess ? [...c.publicAccessCidrs] : ['0.0.0.0/0'],
      },
      encryptionConfig: [
        { provider: { keyArn: key.attrArn }, resources: [...c.secretsEncryption.resources] },
      ],
      logging: { clusterLogging: { enabledTypes: c.logging.map((type) => ({ type })) } },
      accessConfig: {
        authenticationMode: c.authenticationMode,
        bootstrapClusterCreatorAdminPermissions: c.bootstrapClusterCreatorAdminPermissions,
      },
      bootstrapSelfManagedAddons: c.bootstrapSelfManagedAddons,
    });
    cluster.addResourceDependency(logGroup, 'EKS must find the log group we created, with its retention');

    const addAddon = (addon: Infrastructure['addons'][number]) =>
      new eks.CfnAddon(this, `Addon${addon.name.replace(/[^A-Za-z0-9]/g, '')}`, {
        clusterName: cluster.ref,
        addonName: addon.name,
        addonVersion: addon.version ?? undefined,
        resolveConflicts: addon.resolveConflicts,
      });
    const beforeNodes = infra.addons.filter((addon) => addon.order === 'before-node-groups').map(addAddon);

    const nodeGroups = infra.nodeGroups.map((group) => {
      const template = new ec2.CfnLaunchTemplate(this, `${group.name}LaunchTemplate`, {
        // Stack tags do not reach a launch template (it has no Tags property): its own entry.
        tagSpecifications: Object.keys(group.tags).length
          ? [{ resourceType: 'launch-template', tags: tagList(group.tags) }]
          : undefined,
        launchTemplateData: {
          metadataOptions: {
            httpEndpoint: 'enabled',
            httpTokens: group.launchTemplate.httpTokens,
            httpPutResponseHopLimit: group.launchTemplate.httpPutResponseHopLimit,
          },
          blockDeviceMappings: [
            {
              deviceName: group.launchTemplate.volume.deviceName,
              ebs: {
                volumeSize: group.launchTemplate.volume.sizeGiB,
                volumeType: group.launchTemplate.volume.type,
                encrypted: group.launchTemplate.volume.encrypted,
              },
            },
          ],
          // Stack tags never reach what a launch template launches: tag it explicitly.
          tagSpecifications: group.launchTemplate.tagSpecifications.length
            ? group.launchTemplate.tagSpecifications.map((specification) => ({
                resourceType: specification.resourceType,
                tags: tagList(specification.tags),
              }))
            : undefined,
        },
      });
      // No nodegroupName: CloudFormation generates one, so replacing the group (a new instance
      // type) creates the new group before deleting the old; the Name tag carries the name.
      const nodegroup = new eks.CfnNodegroup(this, `${group.name}NodeGroup`, {
        clusterName: cluster.ref,
        tags: { Name: group.name },
        nodeRole: nodeRole.attrArn,
        subnets: group.subnets.map((subnet) => subnetIds.get(subnet)!),
        instanceTypes: [...group.instanceTypes],
        capacityType: group.capacityType,
        amiType: group.amiType,
        scalingConfig: group.scaling,
        labels: Object.keys(group.labels).length > 0 ? { ...group.labels } : undefined,
        taints: group.taints.length
          ? group.taints.map((taint) => ({
              key: taint.key,
              value: taint.value ?? undefined,
              effect: taint.effect,
            }))
          : undefined,
        launchTemplate: { id: template.ref, version: template.attrLatestVersionNumber },
        updateConfig: {
          maxUnavailable: group.update.maxUnavailable ?? undefined,
          maxUnavailablePercentage: group.update.maxUnavailablePercentage ?? undefined,
        },
        forceUpdateEnabled: group.update.force,
      });
      for (const addon of beforeNodes) {
        nodegroup.addResourceDependency(addon, 'nodes only become Ready once the CNI and kube-proxy run');
      }
      for (const resource of privateEgress) {
        nodegroup.addResourceDependency(
          resource,
          'nodes reach EKS and ECR through the NAT route or the endpoints',
        );
      }
      return nodegroup;
    });

    for (const addon of infra.addons.filter((candidate) => candidate.order !== 'before-node-groups')) {
      const resource = addAddon(addon);
      if (addon.order !== 'after-node-groups') continue;
      for (const group of nodeGroups) {
        resource.addResourceDependency(group, 'a Deployment add-on is only ACTIVE once nodes run it');
      }
    }

    for (const entry of infra.accessEntries) {
      new eks.CfnAccessEntry(this, accessEntryId(entry.principalArn), {
        clusterName: cluster.ref,
        principalArn: entry.principalArn,
        type: entry.type,
        kubernetesGroups: entry.kubernetesGroups.length ? [...entry.kubernetesGroups] : undefined,
        accessPolicies: entry.policies.map((policy) => ({
          policyArn: policy.policyArn,
          accessScope:
            policy.scope.type === 'cluster'
              ? { type: 'cluster' }
              : { type: 'namespace', namespaces: [...policy.scope.namespaces] },
        })),
      });
    }
  }
}
