output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = aws_eks_cluster.this.name
}

output "cluster_endpoint" {
  description = "Endpoint of the Kubernetes API server."
  value       = aws_eks_cluster.this.endpoint
}

output "cluster_security_group_id" {
  description = "The security group EKS created for the control plane and managed nodes."
  value       = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}

output "node_role_arn" {
  description = "ARN of the node IAM role."
  value       = aws_iam_role.node.arn
}

output "kms_key_arn" {
  description = "ARN of the KMS key that encrypts Kubernetes secrets."
  value       = aws_kms_key.secrets.arn
}

output "cluster_certificate_authority_data" {
  description = "Base64-encoded CA certificate of the API server (for the kubernetes and helm providers)."
  value       = aws_eks_cluster.this.certificate_authority[0].data
}
