locals {
  tiers = { for tier, cidrs in var.subnet_cidrs : tier => cidrs if cidrs != null }

  # One entry per subnet, keyed "tier-az": adding an AZ adds keys and never renumbers existing ones.
  subnets = merge([
    for tier, cidrs in local.tiers : {
      for az, cidr in cidrs : "${tier}-${az}" => {
        tier        = tier
        az          = az
        cidr        = cidr
        route_table = tier == "private" ? "private-${az}" : tier
      }
    }
  ]...)

  # Public and intra share one route table per tier; private has one per AZ, each with its own NAT route.
  route_tables = merge(
    { public = "public" },
    { for az in var.availability_zones : "private-${az}" => "private" },
    contains(keys(local.tiers), "intra") ? { intra = "intra" } : {},
  )

  elb_role_tags = {
    public  = { "kubernetes.io/role/elb" = "1" }
    private = { "kubernetes.io/role/internal-elb" = "1" }
    intra   = {}
  }

  nat_azs = var.nat_gateways == "none" ? [] : var.nat_gateways == "single" ? [var.availability_zones[0]] : var.availability_zones

  # Which NAT each private route table sends its default route to.
  private_routes = {
    for az in var.availability_zones : "private-${az}" => var.nat_gateways == "per-az" ? az : var.availability_zones[0]
    if var.nat_gateways != "none"
  }

  # Without NAT, nodes reach AWS through endpoints: ECR layers come from S3, the CNI calls EC2,
  # roles need STS and EKS Pod Identity needs eks-auth.
  private_cluster     = var.nat_gateways == "none"
  interface_endpoints = local.private_cluster ? toset(["ec2", "ecr.api", "ecr.dkr", "sts", "eks-auth"]) : toset([])
  private_subnet_ids  = [for az in var.availability_zones : aws_subnet.this["private-${az}"].id]
  control_plane_tier  = contains(keys(local.tiers), "intra") ? "intra" : "private"
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_support   = var.enable_dns_support
  enable_dns_hostnames = var.enable_dns_hostnames

  tags = { Name = var.name }
}

# Adopting the default security group with no ingress or egress blocks removes its rules
# (Terraform manages the group AWS created with the VPC; destroying this resource leaves the group).
resource "aws_default_security_group" "this" {
  count = var.restrict_default_security_group ? 1 : 0

  vpc_id = aws_vpc.this.id

  tags = { Name = "${var.name}-default" }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = { Name = var.name }
}

resource "aws_subnet" "this" {
  for_each = local.subnets

  vpc_id                  = aws_vpc.this.id
  availability_zone       = each.value.az
  cidr_block              = each.value.cidr
  map_public_ip_on_launch = each.value.tier == "public"

  tags = merge({ Name = "${var.name}-${each.key}" }, local.elb_role_tags[each.value.tier])
}

resource "aws_eip" "nat" {
  for_each = toset(local.nat_azs)

  domain = "vpc"

  tags = { Name = "${var.name}-nat-${each.key}" }

  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  for_each = toset(local.nat_azs)

  allocation_id = aws_eip.nat[each.key].id
  subnet_id     = aws_subnet.this["public-${each.key}"].id

  tags = { Name = "${var.name}-nat-${each.key}" }

  depends_on = [aws_internet_gateway.this]
}

resource "aws_route_table" "this" {
  for_each = local.route_tables

  vpc_id = aws_vpc.this.id

  tags = { Name = "${var.name}-${each.key}" }
}

resource "aws_route" "internet" {
  route_table_id         = aws_route_table.this["public"].id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route" "nat" {
  for_each = local.private_routes

  route_table_id         = aws_route_table.this[each.key].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[each.value].id
}

resource "aws_route_table_association" "this" {
  for_each = local.subnets

  subnet_id      = aws_subnet.this[each.key].id
  route_table_id = aws_route_table.this[each.value.route_table].id
}

resource "aws_security_group" "endpoints" {
  count = local.private_cluster ? 1 : 0

  name_prefix = "${var.name}-endpoints-"
  description = "HTTPS from the VPC to the interface endpoints"
  vpc_id      = aws_vpc.this.id
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_https" {
  count = local.private_cluster ? 1 : 0

  security_group_id = aws_security_group.endpoints[0].id
  description       = "HTTPS from the VPC"
  cidr_ipv4         = var.cidr
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_endpoint" "s3" {
  count = local.private_cluster ? 1 : 0

  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [for az in var.availability_zones : aws_route_table.this["private-${az}"].id]
}

resource "aws_vpc_endpoint" "interface" {
  for_each = local.interface_endpoints

  vpc_id              = aws_vpc.this.id
  service_name        = "com.amazonaws.${var.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = local.private_subnet_ids
  security_group_ids  = [aws_security_group.endpoints[0].id]
}
