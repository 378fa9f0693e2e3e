# The target, as packages/spec exports it to spec.auto.tfvars.json (npm run synth -w @iac-compare/infra-terraform).

variable "name" {
  description = "Name of the target; prefixes resource names."
  type        = string
}

variable "region" {
  description = "AWS region to deploy to."
  type        = string
}

variable "availability_zones" {
  description = "Availability zones in order; the first holds the NAT gateway of the single strategy."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2 && length(distinct(var.availability_zones)) == length(var.availability_zones)
    error_message = "List at least two distinct availability zones: EKS needs subnets in two."
  }
}

variable "tags" {
  description = "Tags applied to every taggable resource through the provider's default_tags."
  type        = map(string)
  default     = {}
}

variable "vpc" {
  description = "The VPC: its block, DNS settings, NAT strategy and the subnet CIDRs of the spec's plan (tier => AZ => CIDR)."
  type = object({
    cidr                 = string
    enable_dns_support   = optional(bool, true)
    enable_dns_hostnames = optional(bool, true)
    nat_gateways         = optional(string, "per-az")
    # CIS AWS Foundations 5.4: the default security group allows nothing.
    restrict_default_security_group = optional(bool, true)
    subnet_cidrs = object({
      public  = map(string)
      private = map(string)
      intra   = optional(map(string))
    })
  })

  validation {
    condition     = contains(["none", "single", "per-az"], var.vpc.nat_gateways)
    error_message = "vpc.nat_gateways must be none, single or per-az."
  }

  validation {
    condition     = can(cidrhost(var.vpc.cidr, 0))
    error_message = "vpc.cidr must be an IPv4 CIDR block such as 10.0.0.0/16."
  }
}

variable "cluster" {
  description = "The EKS cluster: version, endpoint access, logging, encryption, authentication, add-ons and access entries."
  type = object({
    name                                        = string
    version                                     = string
    endpoint_private_access                     = optional(bool, true)
    endpoint_public_access                      = optional(bool, true)
    public_access_cidrs                         = optional(list(string), ["0.0.0.0/0"])
    log_types                                   = optional(list(string), ["api", "audit", "authenticator", "controllerManager", "scheduler"])
    log_retention_days                          = optional(number, 90)
    log_skip_destroy                            = optional(bool, false)
    authentication_mode                         = optional(string, "API")
    bootstrap_cluster_creator_admin_permissions = optional(bool, false)
    kms_key_rotation                            = optional(bool, true)
    kms_deletion_window_days                    = optional(number, 30)
    addons = optional(map(object({
      version = optional(string)
    })), { "vpc-cni" = {}, "kube-proxy" = {}, "coredns" = {}, "eks-pod-identity-agent" = {} })
    access_entries = optional(map(object({
      kubernetes_groups = optional(list(string), [])
      policies = optional(map(object({
        scope      = optional(string, "cluster")
        namespaces = optional(list(string), [])
      })), {})
    })), {})
  })

  validation {
    condition     = contains(["API", "API_AND_CONFIG_MAP"], var.cluster.authentication_mode)
    error_message = "cluster.authentication_mode must be API or API_AND_CONFIG_MAP (access entries need one of them)."
  }
}

variable "node_groups" {
  description = "Managed node groups keyed by name."
  type = map(object({
    instance_types = list(string)
    capacity_type  = optional(string, "ON_DEMAND")
    min_size       = number
    desired_size   = number
    max_size       = number
    disk_size      = optional(number, 50)
    ami_type       = optional(string, "AL2023_x86_64_STANDARD")
    labels         = optional(map(string), {})
    taints = optional(list(object({
      key    = string
      value  = optional(string)
      effect = string
    })), [])
    # Exactly one of max_unavailable and max_unavailable_percentage.
    update = optional(object({
      max_unavailable            = optional(number)
      max_unavailable_percentage = optional(number)
      force                      = optional(bool, false)
    }), { max_unavailable_percentage = 33 })
    # What the launch template tags with var.tags (provider default_tags do not reach instances).
    propagate_tags_to = optional(list(string), ["instance", "volume"])
  }))

  validation {
    condition     = alltrue([for group in values(var.node_groups) : group.min_size <= group.desired_size && group.desired_size <= group.max_size])
    error_message = "Every node group needs min_size <= desired_size <= max_size."
  }

  validation {
    condition     = alltrue([for name in keys(var.node_groups) : length(name) <= 36])
    error_message = "Node group names take at most 36 characters: node_group_name_prefix (name plus \"-\") takes at most 37."
  }

  validation {
    condition     = alltrue([for group in values(var.node_groups) : (group.update.max_unavailable == null) != (group.update.max_unavailable_percentage == null)])
    error_message = "Give each node group's update exactly one of max_unavailable and max_unavailable_percentage."
  }
}

variable "workloads" {
  description = "What runs on the cluster: the namespace, the clustered Phoenix service and Helm releases keyed by namespace/name (values as a YAML or JSON document); null for none."
  type = object({
    namespace = string
    app = object({
      name     = string
      image    = string
      command  = optional(list(string))
      replicas = number
      port     = number
      resources = object({
        requests = map(string)
        limits   = map(string)
      })
      probes = object({
        liveness = object({
          path                  = string
          initial_delay_seconds = number
          period_seconds        = number
          failure_threshold     = number
        })
        readiness = object({
          path                  = string
          initial_delay_seconds = number
          period_seconds        = number
          failure_threshold     = number
        })
      })
      security_context = object({
        run_as_user               = number
        run_as_group              = number
        read_only_root_filesystem = bool
      })
      termination_grace_period_seconds = number
      env                              = map(string)
      min_available                    = number
      migration = object({
        command                 = list(string)
        backoff_limit           = number
        active_deadline_seconds = number
      })
    })
    helm_releases = map(object({
      name             = string
      chart            = string
      repository       = string
      version          = string
      namespace        = string
      create_namespace = bool
      values           = string
    }))
  })
  default = null
}

variable "workload_secrets" {
  description = "The app's Secret values (RELEASE_COOKIE, SECRET_KEY_BASE …). spec.auto.tfvars.json carries the spec's placeholders; supply real ones with TF_VAR_workload_secrets from a secret store."
  type        = map(string)
  sensitive   = true
  default     = {}
}
