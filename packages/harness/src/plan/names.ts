/**
 * Fixed names: what a resource is called when a tool does not pick the name itself, and what that
 * means for a replacement (two resources cannot share the name while both exist).
 */
import { terraformTypeOfPulumi } from '../canonical/kinds.js';
import type { InventoryResource } from '../model/inventory.js';

/**
 * CloudFormation types and their custom-name property. "If you specify a name, you cannot perform
 * updates that require replacement of this resource. … If you must replace the resource, specify a
 * new name." (each type's name property in the CloudFormation resource reference.)
 */
export const CUSTOM_NAME_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::EKS::Cluster': 'Name',
  'AWS::EKS::Nodegroup': 'NodegroupName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::EC2::LaunchTemplate': 'LaunchTemplateName',
  'AWS::EC2::SecurityGroup': 'GroupName',
  'AWS::KMS::Alias': 'AliasName',
};

/** Types whose `Ref` is that custom name (CloudFormation resource reference, "Return values"). */
export const REF_IS_NAME = new Set([
  'AWS::EKS::Cluster',
  'AWS::IAM::Role',
  'AWS::Logs::LogGroup',
  'AWS::KMS::Alias',
]);

/**
 * Terraform arguments that fix a resource's name (its `*_prefix` sibling leaves room for a
 * replacement). The same arguments, bridged, are Pulumi's: pulumi-aws autonames them
 * (provider/resources.go: tfbridge.AutoName), and a value the program sets instead makes the bridge
 * replace delete-first (pulumi-terraform-bridge pkg/tfbridge/schema.go,
 * nameRequiresDeleteBeforeReplace: "an autonameable property with a value that was not populated
 * by the autonamer").
 */
export const TERRAFORM_NAME_ARGUMENT: Readonly<Record<string, string>> = {
  aws_eks_cluster: 'name',
  aws_eks_node_group: 'node_group_name',
  aws_launch_template: 'name',
  aws_iam_role: 'name',
  aws_security_group: 'name',
  aws_cloudwatch_log_group: 'name',
};

export function terraformTypeOf(resource: InventoryResource): string | undefined {
  return resource.nativeType.includes(':') ? terraformTypeOfPulumi(resource.nativeType) : resource.nativeType;
}

/** The fixed name a resource has, with the property that sets it; undefined when the tool names it. */
export function fixedNameOf(resource: InventoryResource): { property: string; value: unknown } | undefined {
  if (resource.dialect === 'cloudformation') {
    const property = CUSTOM_NAME_PROPERTY[resource.nativeType];
    return property && resource.properties[property] !== undefined
      ? { property, value: resource.properties[property] }
      : undefined;
  }
  const type = terraformTypeOf(resource);
  const argument = type ? TERRAFORM_NAME_ARGUMENT[type] : undefined;
  return argument && resource.properties[argument] !== undefined
    ? { property: argument, value: resource.properties[argument] }
    : undefined;
}
