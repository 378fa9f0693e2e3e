/**
 * What each tool leaves behind when it stops managing the VPC's default security group
 * (restrictDefaultSecurityGroup true → false). The group itself cannot be deleted; its rules are
 * what differs:
 *
 * - CDK L2 (ec2.Vpc, Custom::VpcRestrictDefaultSG): the handler's Delete authorizes the default
 *   ingress and egress rules again (aws/aws-cdk packages/@aws-cdk/custom-resource-handlers/lib/
 *   aws-ec2/restrict-default-security-group-handler/index.ts).
 * - CDK L1 and raw CloudFormation (our own Custom::RestrictDefaultSecurityGroup): whatever the
 *   inline handler does on Delete — read from its code.
 * - Terraform, CDKTF and Pulumi (aws_default_security_group): "Removing this resource from your
 *   configuration will remove it from your statefile and management, but will not destroy the
 *   Security Group. All ingress or egress rules will be left as they are"
 *   (terraform-provider-aws website/docs/r/default_security_group.html.markdown); Pulumi bridges the
 *   same resource.
 */
import { isUnknown, type Value } from '../model/value.js';
import { addNote, changing, type PlanContext } from './draft.js';

const RESTORED =
  'the handler puts the default rules back (all traffic within the group, all egress): the group is as AWS made it';
const LEFT_EMPTY =
  'the group stays without rules (nothing puts the defaults back): traffic within the group stays blocked until rules are added';

/** The inline code of the Lambda function a custom resource's ServiceToken points at. */
function handlerCode(context: PlanContext, token: Value | undefined): string | undefined {
  if (!token || !isUnknown(token)) return undefined;
  const functionAddress = token.references[0]?.address;
  const handler = functionAddress ? context.beforeBy.get(functionAddress) : undefined;
  const code = handler?.properties.Code as Record<string, Value> | undefined;
  return typeof code?.ZipFile === 'string' ? code.ZipFile : undefined;
}

export function applyDefaultSecurityGroupNotes(context: PlanContext): void {
  for (const draft of changing(context)) {
    if (draft.resource.kind !== 'default-security-group' || draft.action !== 'delete') continue;
    const type = draft.resource.nativeType;
    if (type === 'Custom::VpcRestrictDefaultSG') {
      addNote(draft, `${RESTORED} (aws-cdk restrict-default-security-group handler, on Delete)`);
    } else if (type.startsWith('Custom::')) {
      const code = handlerCode(context, draft.resource.properties.ServiceToken);
      const deleteBranch = code
        ? /Delete[\s\S]*authorize_security_group_(ingress|egress)|authorize_security_group_(ingress|egress)[\s\S]*Delete/.test(
            code,
          )
        : undefined;
      if (deleteBranch === undefined)
        addNote(draft, 'what the handler does on Delete is not known offline (its code is not inline)');
      else addNote(draft, `${deleteBranch ? RESTORED : LEFT_EMPTY} (its inline handler, on Delete)`);
    } else {
      addNote(
        draft,
        `${LEFT_EMPTY}: removing aws_default_security_group only drops it from state (provider docs, "Removing aws_default_security_group From Your Configuration")`,
      );
    }
  }
}
