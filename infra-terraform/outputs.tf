output "vpc_id" {
  description = "ID of the VPC."
  value       = module.network.vpc_id
}

output "subnet_ids" {
  description = "Subnet IDs by tier and availability zone."
  value       = module.network.subnet_ids
}

output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "Endpoint of the Kubernetes API server."
  value       = module.eks.cluster_endpoint
}

output "node_role_arn" {
  description = "ARN of the IAM role the managed nodes use."
  value       = module.eks.node_role_arn
}

output "workloads" {
  description = "The app's namespace, its HTTP Service's DNS name and the Helm releases; null without workloads."
  value       = var.workloads == null ? null : module.workloads[0]
}
