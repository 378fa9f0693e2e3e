output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "subnet_ids" {
  description = "Subnet IDs by tier, then availability zone."
  value = {
    for tier in keys(local.tiers) : tier => {
      for key, subnet in local.subnets : subnet.az => aws_subnet.this[key].id if subnet.tier == tier
    }
  }
}

output "private_subnet_ids" {
  description = "Private subnet IDs in AZ order (where nodes run), known only once the nodes' way out exists."
  value       = local.private_subnet_ids

  # Nodes in these subnets reach EKS and ECR through the NAT route, or without NAT through the
  # endpoints: whatever uses the IDs (the node groups) waits for them.
  depends_on = [aws_route.nat, aws_route_table_association.this, aws_vpc_endpoint.s3, aws_vpc_endpoint.interface]
}

output "control_plane_subnet_ids" {
  description = "Where the control plane's ENIs go: the intra tier when there is one, else the private tier."
  value       = [for az in var.availability_zones : aws_subnet.this["${local.control_plane_tier}-${az}"].id]
}

output "nat_gateway_ids" {
  description = "NAT gateway IDs by availability zone."
  value       = { for az, nat in aws_nat_gateway.this : az => nat.id }
}
