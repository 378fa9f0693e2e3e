data "aws_partition" "current" {}

locals {
  partition = data.aws_partition.current.partition

  # When each add-on must be created relative to the node groups: the CNI and kube-proxy before
  # (nodes only become Ready once they run), coredns after (a Deployment is ACTIVE only on nodes).
  addon_order = {
    "vpc-cni"                = "before"
    "kube-proxy"             = "before"
    "coredns"                = "after"
    "eks-pod-identity-agent" = "any"
  }
  addons_before_nodes = { for name, addon in var.cluster.addons : name => addon if local.addon_order[name] == "before" }
  addons_after_nodes  = { for name, addon in var.cluster.addons : name => addon if local.addon_order[name] != "before" }

  # Block device that carries node storage, by AMI family (the part of ami_type before "_").
  volume_device = {
    AL2023       = "/dev/xvda"
    BOTTLEROCKET = "/dev/xvdb"
  }

  access_policies = merge([
    for principal_arn, entry in var.cluster.access_entries : {
      for policy, association in entry.policies : "${principal_arn}/${policy}" => {
        principal_arn = principal_arn
        policy        = policy
        scope         = association.scope
        namespaces    = association.namespaces
      }
    }
  ]...)
}

# ---- Secrets encryption and control-plane logs ------------------------------------------------

resource "aws_kms_key" "secrets" {
  description             = "EKS secrets envelope encryption for ${var.cluster.name}"
  enable_key_rotation     = var.cluster.kms_key_rotation
  deletion_window_in_days = var.cluster.kms_deletion_window_days
}

resource "aws_kms_alias" "secrets" {
  name          = "alias/${var.cluster.name}-eks-secrets"
  target_key_id = aws_kms_key.secrets.key_id
}

# EKS writes to this group; creating it first lets us set its retention. skip_destroy keeps it
# (and its logs) on destroy, forgotten by the state: cluster.logging.onDelete = retain.
resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/eks/${var.cluster.name}/cluster"
  retention_in_days = var.cluster.log_retention_days
  skip_destroy      = var.cluster.log_skip_destroy
}

# ---- IAM ------------------------------------------------------------------------------------

data "aws_iam_policy_document" "cluster_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["eks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "cluster" {
  name_prefix        = "${substr(var.cluster.name, 0, 24)}-cluster-"
  assume_role_policy = data.aws_iam_policy_document.cluster_assume_role.json
}

resource "aws_iam_role_policy_attachment" "cluster" {
  for_each = toset(["AmazonEKSClusterPolicy"])

  role       = aws_iam_role.cluster.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/${each.key}"
}

data "aws_iam_policy_document" "node_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "node" {
  name_prefix        = "${substr(var.cluster.name, 0, 27)}-node-"
  assume_role_policy = data.aws_iam_policy_document.node_assume_role.json
}

resource "aws_iam_role_policy_attachment" "node" {
  for_each = toset(["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"])

  role       = aws_iam_role.node.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/${each.key}"
}

# ---- The cluster ----------------------------------------------------------------------------

resource "aws_eks_cluster" "this" {
  name     = var.cluster.name
  version  = var.cluster.version
  role_arn = aws_iam_role.cluster.arn

  # The managed add-ons below replace the self-managed vpc-cni, kube-proxy and coredns.
  bootstrap_self_managed_addons = false
  enabled_cluster_log_types     = var.cluster.log_types

  vpc_config {
    subnet_ids              = var.control_plane_subnet_ids
    endpoint_private_access = var.cluster.endpoint_private_access
    endpoint_public_access  = var.cluster.endpoint_public_access
    public_access_cidrs     = var.cluster.endpoint_public_access ? var.cluster.public_access_cidrs : null
  }

  encryption_config {
    resources = ["secrets"]

    provider {
      key_arn = aws_kms_key.secrets.arn
    }
  }

  access_config {
    authentication_mode                         = var.cluster.authentication_mode
    bootstrap_cluster_creator_admin_permissions = var.cluster.bootstrap_cluster_creator_admin_permissions
  }

  depends_on = [
    aws_iam_role_policy_attachment.cluster,
    aws_cloudwatch_log_group.this,
  ]
}

resource "aws_eks_addon" "before_nodes" {
  for_each = local.addons_before_nodes

  cluster_name                = aws_eks_cluster.this.name
  addon_name                  = each.key
  addon_version               = each.value.version
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "OVERWRITE"
}

resource "aws_eks_access_entry" "this" {
  for_each = var.cluster.access_entries

  cluster_name      = aws_eks_cluster.this.name
  principal_arn     = each.key
  kubernetes_groups = each.value.kubernetes_groups
  type              = "STANDARD"
}

resource "aws_eks_access_policy_association" "this" {
  for_each = local.access_policies

  cluster_name  = aws_eks_cluster.this.name
  principal_arn = aws_eks_access_entry.this[each.value.principal_arn].principal_arn
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/${each.value.policy}"

  access_scope {
    type       = each.value.scope
    namespaces = each.value.scope == "namespace" ? each.value.namespaces : null
  }
}

# ---- Node groups ----------------------------------------------------------------------------

resource "aws_launch_template" "node" {
  for_each = var.node_groups

  # A name_prefix takes at most 99 characters (ValidLaunchTemplateName in the AWS provider).
  name_prefix = "${substr("${var.cluster.name}-${each.key}", 0, 98)}-"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required" # IMDSv2 only
    http_put_response_hop_limit = 2          # pods on the node can still reach IMDS
  }

  block_device_mappings {
    device_name = local.volume_device[split("_", each.value.ami_type)[0]]

    ebs {
      volume_size = each.value.disk_size
      volume_type = "gp3"
      encrypted   = true
    }
  }

  # The provider's default_tags tag the template itself, never what it launches.
  dynamic "tag_specifications" {
    for_each = length(var.tags) > 0 ? toset(each.value.propagate_tags_to) : toset([])

    content {
      resource_type = tag_specifications.value
      tags          = var.tags
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_eks_node_group" "this" {
  for_each = var.node_groups

  cluster_name = aws_eks_cluster.this.name
  # A prefix, not a name: with create_before_destroy a replacement (new instance types) starts
  # the new group before the old one goes, as terraform-aws-modules/eks does.
  node_group_name_prefix = "${each.key}-"
  node_role_arn          = aws_iam_role.node.arn
  subnet_ids             = var.node_subnet_ids
  instance_types         = each.value.instance_types
  capacity_type          = each.value.capacity_type
  ami_type               = each.value.ami_type
  labels                 = each.value.labels
  force_update_version   = each.value.update.force

  tags = { Name = each.key }

  scaling_config {
    min_size     = each.value.min_size
    desired_size = each.value.desired_size
    max_size     = each.value.max_size
  }

  dynamic "taint" {
    for_each = each.value.taints

    content {
      key    = taint.value.key
      value  = taint.value.value
      effect = taint.value.effect
    }
  }

  update_config {
    max_unavailable            = each.value.update.max_unavailable
    max_unavailable_percentage = each.value.update.max_unavailable_percentage
  }

  launch_template {
    id      = aws_launch_template.node[each.key].id
    version = aws_launch_template.node[each.key].latest_version
  }

  # create_before_destroy keeps capacity up through a replacement. Terraform forces it on everything
  # the group depends on (the cluster, roles, key, log group, add-ons, subnets and, through the
  # network module's depends_on, routes and NAT gateways): those are replaced new-first too, so a
  # subnet CIDR change or a NAT gateway on a kept Elastic IP cannot succeed in one apply — `plan`
  # says so (docs/architecture.md, "What a careful team does with create_before_destroy").
  lifecycle {
    create_before_destroy = true
    # The cluster autoscaler owns the desired size once the group runs.
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [
    aws_iam_role_policy_attachment.node,
    aws_eks_addon.before_nodes,
  ]
}

resource "aws_eks_addon" "after_nodes" {
  for_each = local.addons_after_nodes

  cluster_name                = aws_eks_cluster.this.name
  addon_name                  = each.key
  addon_version               = each.value.version
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "OVERWRITE"

  depends_on = [aws_eks_node_group.this]
}
