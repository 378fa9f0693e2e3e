module "network" {
  source = "./modules/network"

  name                 = var.name
  region               = var.region
  availability_zones   = var.availability_zones
  cidr                 = var.vpc.cidr
  enable_dns_support   = var.vpc.enable_dns_support
  enable_dns_hostnames = var.vpc.enable_dns_hostnames
  nat_gateways         = var.vpc.nat_gateways
  subnet_cidrs         = var.vpc.subnet_cidrs

  restrict_default_security_group = var.vpc.restrict_default_security_group
}

module "eks" {
  source = "./modules/eks"

  cluster                  = var.cluster
  node_groups              = var.node_groups
  tags                     = var.tags
  control_plane_subnet_ids = module.network.control_plane_subnet_ids
  node_subnet_ids          = module.network.private_subnet_ids
}

# The workloads go through the kubernetes and helm providers, configured from module.eks (see
# providers.tf): apply the cluster first on a new deployment, `terraform apply -target=module.eks`,
# then `terraform apply` (the two-phase caveat, README.md).
module "workloads" {
  source = "./modules/workloads"
  count  = var.workloads == null ? 0 : 1

  part_of       = var.name
  namespace     = var.workloads.namespace
  app           = var.workloads.app
  secrets       = var.workload_secrets
  helm_releases = var.workloads.helm_releases

  # Pods need nodes, DNS needs coredns, and the deploying identity needs its access entry.
  depends_on = [module.eks]
}
