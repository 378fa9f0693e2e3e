# Lab 9: the target's network, written by hand in plain Terraform.
# Three AZs, each with a public /24, a private /19 and an intra /24; one NAT gateway per AZ.

locals {
  name  = "iac-compare-demo"
  cidr  = "10.40.0.0/16"
  zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]

  # The spec's CIDR plan: private /19s from the bottom, then the /24s (public, then intra).
  subnets = merge(
    { for index, az in local.zones : "public-${az}" => { tier = "public", az = az, cidr = cidrsubnet(local.cidr, 8, 96 + index) } },
    { for index, az in local.zones : "private-${az}" => { tier = "private", az = az, cidr = cidrsubnet(local.cidr, 3, index) } },
    { for index, az in local.zones : "intra-${az}" => { tier = "intra", az = az, cidr = cidrsubnet(local.cidr, 8, 99 + index) } },
  )

  load_balancer_tags = {
    public  = { "kubernetes.io/role/elb" = "1" }
    private = { "kubernetes.io/role/internal-elb" = "1" }
    intra   = {}
  }
}

resource "aws_vpc" "this" {
  cidr_block           = local.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = local.name }
}

# No rules in the default security group (CIS AWS 5.4).
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
}

resource "aws_subnet" "this" {
  for_each = local.subnets

  vpc_id                  = aws_vpc.this.id
  availability_zone       = each.value.az
  cidr_block              = each.value.cidr
  map_public_ip_on_launch = each.value.tier == "public"

  tags = merge({ Name = "${local.name}-${each.key}" }, local.load_balancer_tags[each.value.tier])
}

resource "aws_eip" "nat" {
  for_each = toset(local.zones)

  domain     = "vpc"
  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  for_each = toset(local.zones)

  allocation_id = aws_eip.nat[each.key].id
  subnet_id     = aws_subnet.this["public-${each.key}"].id
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }
}

resource "aws_route_table" "private" {
  for_each = toset(local.zones)

  vpc_id = aws_vpc.this.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.this[each.key].id
  }
}

# The intra subnets have no route out.
resource "aws_route_table" "intra" {
  vpc_id = aws_vpc.this.id
}

resource "aws_route_table_association" "this" {
  for_each = local.subnets

  subnet_id = aws_subnet.this[each.key].id
  route_table_id = (
    each.value.tier == "public" ? aws_route_table.public.id :
    each.value.tier == "private" ? aws_route_table.private[each.value.az].id :
    aws_route_table.intra.id
  )
}
