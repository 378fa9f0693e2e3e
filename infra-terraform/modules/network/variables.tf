variable "name" {
  description = "Prefix of resource names."
  type        = string
}

variable "region" {
  description = "Region of the VPC (for VPC endpoint service names)."
  type        = string
}

variable "availability_zones" {
  description = "Availability zones in order; the first holds the NAT gateway of the single strategy."
  type        = list(string)
}

variable "cidr" {
  description = "The VPC's IPv4 block."
  type        = string
}

variable "enable_dns_support" {
  description = "Whether the VPC resolves DNS."
  type        = bool
  default     = true
}

variable "enable_dns_hostnames" {
  description = "Whether instances get DNS hostnames (the EKS private endpoint needs it)."
  type        = bool
  default     = true
}

variable "nat_gateways" {
  description = "none (VPC endpoints instead), single (one NAT in the first AZ) or per-az."
  type        = string
  default     = "per-az"

  validation {
    condition     = contains(["none", "single", "per-az"], var.nat_gateways)
    error_message = "nat_gateways must be none, single or per-az."
  }
}

variable "subnet_cidrs" {
  description = "Subnet CIDRs by tier and AZ; intra is optional."
  type = object({
    public  = map(string)
    private = map(string)
    intra   = optional(map(string))
  })
}

variable "restrict_default_security_group" {
  description = "Remove every rule from the VPC's default security group (CIS AWS Foundations 5.4)."
  type        = bool
  default     = true
}
