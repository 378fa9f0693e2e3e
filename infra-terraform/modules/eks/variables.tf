variable "cluster" {
  description = "The cluster settings (see the root module's cluster variable)."
  type = object({
    name                                        = string
    version                                     = string
    endpoint_private_access                     = bool
    endpoint_public_access                      = bool
    public_access_cidrs                         = list(string)
    log_types                                   = list(string)
    log_retention_days                          = number
    log_skip_destroy                            = bool
    authentication_mode                         = string
    bootstrap_cluster_creator_admin_permissions = bool
    kms_key_rotation                            = bool
    kms_deletion_window_days                    = number
    addons = map(object({
      version = optional(string)
    }))
    access_entries = map(object({
      kubernetes_groups = list(string)
      policies = map(object({
        scope      = string
        namespaces = list(string)
      }))
    }))
  })
}

variable "node_groups" {
  description = "Managed node groups keyed by name."
  type = map(object({
    instance_types = list(string)
    capacity_type  = string
    min_size       = number
    desired_size   = number
    max_size       = number
    disk_size      = number
    ami_type       = string
    labels         = map(string)
    taints = list(object({
      key    = string
      value  = optional(string)
      effect = string
    }))
    update = object({
      max_unavailable            = optional(number)
      max_unavailable_percentage = optional(number)
      force                      = bool
    })
    propagate_tags_to = list(string)
  }))
}

variable "tags" {
  description = "Tags the launch templates give instances, volumes and network interfaces (default_tags do not reach them)."
  type        = map(string)
  default     = {}
}

variable "control_plane_subnet_ids" {
  description = "Subnets for the control plane's ENIs."
  type        = list(string)
}

variable "node_subnet_ids" {
  description = "Subnets the nodes run in."
  type        = list(string)
}
