provider "aws" {
  region = var.region

  # Tags on everything taggable: the provider merges these into every resource's tags_all.
  default_tags {
    tags = var.tags
  }
}

# The kubernetes and helm providers reach the cluster this configuration creates, as the identity
# running terraform (which needs an access entry with cluster admin: the target's rules ask for one).
# Their configuration is only known once the cluster exists: see the two-phase note in main.tf.
provider "kubernetes" {
  host                   = module.eks.cluster_endpoint
  cluster_ca_certificate = base64decode(module.eks.cluster_certificate_authority_data)

  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args        = ["eks", "get-token", "--cluster-name", module.eks.cluster_name, "--region", var.region]
  }
}

# helm provider v3: kubernetes and exec are attributes (objects), no longer blocks.
provider "helm" {
  kubernetes = {
    host                   = module.eks.cluster_endpoint
    cluster_ca_certificate = base64decode(module.eks.cluster_certificate_authority_data)

    exec = {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "aws"
      args        = ["eks", "get-token", "--cluster-name", module.eks.cluster_name, "--region", var.region]
    }
  }
}
