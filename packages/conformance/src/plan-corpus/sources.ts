/**
 * The sources the corpus cites, once each: a provider's file (hashicorp/terraform-provider-aws,
 * hashicorp/terraform-provider-kubernetes, pulumi/pulumi-kubernetes, pulumi/pulumi-terraform-bridge,
 * pulumi/pulumi, aws/aws-cdk), a documentation page, or an issue of this repository.
 */
export const SOURCE = {
  cfnSpec: (type: string, property: string, replaces: boolean) =>
    `CloudFormation resource specification (@aws-cdk/aws-service-spec): ${type} ${property} — Update requires: ${replaces ? 'Replacement' : 'No interruption'}`,
  cfnReplacement:
    'CloudFormation User Guide, "Update behaviors of stack resources": Replacement creates the new resource, then deletes the old one in the cleanup phase',
  cfnCustomName:
    'CloudFormation resource reference, each Name property: "If you specify a name, you cannot perform updates that require replacement of this resource … If you must replace the resource, specify a new name"',
  cfnImportValue:
    'CloudFormation User Guide, Fn::ImportValue: "You can\'t modify or remove an output value that is referenced by another stack"',
  cfnEndpointKept:
    'CloudFormation resource reference, AWS::EKS::Cluster ResourcesVpcConfig: "When updating a resource, you must include these properties if the previous CloudFormation template of the resource had them: EndpointPublicAccess, EndpointPrivateAccess, PublicAccessCidrs"',
  cfnSubnetsUpdatable:
    'CloudFormation resource reference, AWS::EKS::Cluster ResourcesVpcConfig SubnetIds (Update requires: No interruption), and the EKS User Guide (subnets can be changed from CloudFormation); the bundled specification still says Replacement',
  cfnCustomResource:
    'CloudFormation User Guide, custom resources: a changed property sends the provider an Update request',
  cdkEnvironments:
    'AWS CDK Developer Guide, "Environments": each stack is deployed to one account and region; cdk deploy to another environment creates new stacks and leaves the old ones',
  tfForcedCbd:
    'hashicorp/terraform docs/destroying.md, "Forced Create Before Destroy": every dependency of a create_before_destroy resource is replaced new-first, and this cannot be overridden',
  tfDestroyFirst:
    'Terraform lifecycle meta-argument: without create_before_destroy, Terraform destroys the old object before creating its replacement',
  tfEks: (argument: string, forceNew: boolean) =>
    `terraform-provider-aws internal/service/eks: ${argument} ${forceNew ? 'is ForceNew' : 'is updated in place'}`,
  tfEc2: (argument: string, forceNew: boolean) =>
    `terraform-provider-aws internal/service/ec2: ${argument} ${forceNew ? 'is ForceNew' : 'is updated in place'}`,
  tfVpcSubnetIds:
    'terraform-provider-aws internal/service/eks/cluster.go: vpc_config.subnet_ids has no ForceNew; updated with UpdateClusterConfig',
  tfRegion:
    'terraform-provider-aws, Enhanced Region Support guide: region is Optional and Computed from the provider, and "Changing the value of region will force resource replacement"; IAM is global',
  tfRefreshNotFound:
    'terraform-provider-aws Read functions (e.g. internal/service/ec2/vpc_.go: "not found, removing from state"): with another account\'s credentials nothing is found, so everything is created',
  tfDefaultSg:
    'terraform-provider-aws website/docs/r/default_security_group.html.markdown, "Removing aws_default_security_group From Your Configuration": rules are left as they are',
  tfNodeGroupScaling:
    'terraform-provider-aws internal/service/eks/node_group.go: scaling_config is sent whole to UpdateNodegroupConfig, the desired size taken from state under ignore_changes; EKS API NodegroupScalingConfig: minSize ≤ desiredSize ≤ maxSize',
  tfStacking:
    'terraform-provider-kubernetes docs, "Stacking with managed Kubernetes cluster resources": apply the cluster and the Kubernetes resources in separate applies',
  tfKubernetesJob:
    'terraform-provider-kubernetes 2.3x kubernetes/schema_job_spec.go (jobSpecFields(false), as resource_kubernetes_job_v1.go calls it): completions, completion_mode, selector and the pod template spec are ForceNew; issue #2586 (2.32.0): a template.spec change replaces the Job',
  tfKubernetesJobPatch:
    'terraform-provider-kubernetes 2.3x resource_kubernetes_job_v1.go: spec is ForceNew: false, and Update JSON-patches active_deadline_seconds, backoff_limit, manual_selector and parallelism (structures_job.go patchJobV1Spec); schema_job_spec.go marks them ForceNew: false',
  tfKubernetesUpdate:
    "terraform-provider-kubernetes: only metadata.name and metadata.namespace (and a Job's spec fields) are ForceNew; other changes are patched",
  tfKubernetesName: 'terraform-provider-kubernetes: metadata.name and metadata.namespace are ForceNew',
  helmUpgrade:
    'terraform-provider-helm / pulumi-kubernetes helm.sh/v3 Release: a changed chart version or values is a helm upgrade',
  pulumiBridge:
    'pulumi-aws 7 bridges terraform-provider-aws 6: the same arguments force replacement; Pulumi creates the replacement first by default',
  pulumiNameDbr:
    'pulumi-terraform-bridge pkg/tfbridge/schema.go, nameRequiresDeleteBeforeReplace: a name the program sets (not autonamed) makes the bridge replace delete-first',
  pulumiRegion:
    'Pulumi AWS Enhanced Region Support guide (pulumi-aws 7): per-resource region from the provider forces replacement; pulumi-aws#5656 removed the provider-level cascade',
  pulumiAccountRefused:
    "pulumi up diffs against the state without refreshing (pulumi up --refresh is opt-in), so the old account's IDs would be updated with new credentials: a new stack is the way",
  pulumiKubernetesDiff:
    'pulumi-kubernetes provider/pkg/provider/diff.go: Job spec.completions/parallelism/selector/template, ConfigMap data/binaryData, Secret type/data/stringData force replacement; other fields update',
  pulumiKubernetesDbr:
    'pulumi-kubernetes provider/pkg/provider/provider.go, Diff: an object with a fixed name and namespace is replaced delete-first',
  pulumiKubeconfig:
    'pulumi-kubernetes provider.go DiffConfig: an unknown kubeconfig replaces the provider; pulumi/pulumi pkg/resource/deploy/step_generator.go: a replaced provider replaces its resources',
  k8sJobUpdate:
    'kubernetes pkg/apis/batch/validation/validation.go, ValidateJobSpecUpdate: completions, selector, template, completionMode are immutable; backoffLimit and activeDeadlineSeconds are not',
  cdkKubectl:
    'aws-eks-v2 kubectl handler: a manifest Update runs kubectl apply; the API server refuses a changed Job template',
  cdkRestrictSg:
    'aws/aws-cdk packages/@aws-cdk/custom-resource-handlers/lib/aws-ec2/restrict-default-security-group-handler: on Delete the default ingress and egress rules are authorized again',
  ownRestrictSg:
    'our Custom::RestrictDefaultSecurityGroup handler (packages/cdk/src/l1/stack.ts, RESTRICT_DEFAULT_SG_HANDLER): what its Delete branch does, read from the inline code',
  eksAzs:
    'EKS User Guide, "View Amazon EKS networking requirements for VPC and subnets": "All subnets that you add must be in the same set of AZs as originally provided when you created the cluster"',
  eksVpcMove:
    "EKS API UpdateClusterConfig: subnets must belong to the cluster's VPC; a cluster cannot move to another VPC",
  eksVersion:
    'EKS User Guide, "Update existing cluster to new Kubernetes version": one minor version at a time; managed node groups are updated separately (UpdateNodegroupVersion)',
  eksNodeGroupLaunchTemplate:
    'EKS User Guide, managed node groups with launch templates: a new template version rolls every node of the group',
  ec2SubnetConflict: 'EC2 API CreateSubnet: InvalidSubnet.Conflict, "The CIDR conflicts with another subnet"',
  ec2NatEip:
    'VPC User Guide, NAT gateway basics: an Elastic IP address serves one NAT gateway; CreateNatGateway on an associated allocation fails',
  ec2RouteExists: 'EC2 API CreateRoute: RouteAlreadyExists',
  eksAccessEntryUnique:
    'EKS API CreateAccessEntry, principalArn: "You can\'t specify the same ARN in more than one access entry" (ResourceInUseException)',
  eksAccessPolicyKey:
    'terraform-provider-aws internal/service/eks/access_policy_association.go: every argument ForceNew, ID cluster#principal#policy, Delete = DisassociateAccessPolicy(cluster, principal, policy); EKS User Guide: "you can only associate each policy to an access entry once"',
  pulumiAssociationDbr:
    'packages/pulumi/src/cluster.ts: deleteBeforeReplace on AccessPolicyAssociation (review 18, R5), so the old association goes before the new one is made',
  cdkVpcByPosition:
    'aws-cdk-lib ec2.Vpc names subnets by tier and position in the AZ list (privateSubnet1…N); packages/cdk/src/l2/fixed-subnet-cidrs.ts keys their CIDRs by AZ, so removing a zone other than the last moves every later position to the next zone and its CIDR',
  rawCfnSlots:
    'packages/cloudformation/templates/network.yaml: subnets in positional slots (PublicSubnet1…3), filled from the AZ list in order by the exporter (packages/spec/src/exporters.ts)',
  rawCfnAccessEntrySlots:
    "packages/cloudformation/templates/cluster.yaml: access entries in positional slots (AccessEntry1, AccessEntry2), filled from the target's list in order (packages/spec/src/exporters.ts)",
  pulumiMutable:
    'packages/pulumi/src/workloads.ts: the Kubernetes provider sets enableConfigMapMutable and enableSecretMutable (review 18, R3), so pulumi-kubernetes updates data in place as the other tools do',
  issue: (number: string) => `iac-compare issue ${number}`,
} as const;
