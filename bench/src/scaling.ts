/**
 * Generated configurations of N resources for the harness scaling figure: a CloudFormation stack
 * plan (JSON template) and a CDKTF-style Terraform JSON stack. Each is one VPC and repeating groups
 * of subnet, route table, association and route, wired by references and using intrinsics or
 * functions, as real templates are — so evaluation, edges, observe and compare all do real work.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GROUP = ['subnet', 'table', 'association', 'route'] as const;

function cidrFor(index: number): string {
  return `10.${(index >> 8) & 255}.${index & 255}.0/24`;
}

/** `dir/stacks.json` + `dir/big.json`: readable by the harness's stack-plan source. */
export function writeCloudFormationStack(
  dir: string,
  resources: number,
  region: string,
  account: string,
): void {
  const template: Record<string, Record<string, unknown>> = {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/8', EnableDnsSupport: true } },
    Igw: { Type: 'AWS::EC2::InternetGateway' },
  };
  for (let i = 0; Object.keys(template).length < resources; i++) {
    const group = Math.floor(i / GROUP.length);
    const tags = [{ Key: 'Name', Value: { 'Fn::Sub': `\${AWS::StackName}-${group}` } }];
    switch (GROUP[i % GROUP.length]) {
      case 'subnet':
        template[`Subnet${group}`] = {
          Type: 'AWS::EC2::Subnet',
          Properties: {
            VpcId: { Ref: 'Vpc' },
            CidrBlock: cidrFor(group),
            AvailabilityZone: { 'Fn::Select': [group % 3, { 'Fn::GetAZs': '' }] },
            Tags: tags,
          },
        };
        break;
      case 'table':
        template[`Table${group}`] = {
          Type: 'AWS::EC2::RouteTable',
          Properties: { VpcId: { Ref: 'Vpc' }, Tags: tags },
        };
        break;
      case 'association':
        template[`Association${group}`] = {
          Type: 'AWS::EC2::SubnetRouteTableAssociation',
          Properties: { SubnetId: { Ref: `Subnet${group}` }, RouteTableId: { Ref: `Table${group}` } },
        };
        break;
      case 'route':
        template[`Route${group}`] = {
          Type: 'AWS::EC2::Route',
          Properties: {
            RouteTableId: { Ref: `Table${group}` },
            DestinationCidrBlock: '0.0.0.0/0',
            GatewayId: { Ref: 'Igw' },
          },
        };
        break;
    }
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'big.json'), JSON.stringify({ Resources: template }));
  writeFileSync(
    join(dir, 'stacks.json'),
    JSON.stringify({ schemaVersion: 1, account, region, stacks: [{ name: 'big', template: 'big.json' }] }),
  );
}

/** `dir/stacks/big/cdk.tf.json`: readable by the harness's CDKTF source. */
export function writeTerraformJsonStack(dir: string, resources: number, region: string): void {
  const resource: Record<string, Record<string, unknown>> = {
    aws_vpc: { main: { cidr_block: '10.0.0.0/8', enable_dns_support: true } },
    aws_internet_gateway: { main: { vpc_id: '${aws_vpc.main.id}' } },
    aws_subnet: {},
    aws_route_table: {},
    aws_route_table_association: {},
    aws_route: {},
  };
  let count = 2;
  for (let i = 0; count < resources; i++, count++) {
    const group = Math.floor(i / GROUP.length);
    const tags = { Name: `\${format("big-%d", ${group})}` };
    switch (GROUP[i % GROUP.length]) {
      case 'subnet':
        resource.aws_subnet![`s${group}`] = {
          vpc_id: '${aws_vpc.main.id}',
          cidr_block: `\${cidrsubnet("10.0.0.0/8", 16, ${group})}`,
          availability_zone: `\${element(["${region}a", "${region}b", "${region}c"], ${group})}`,
          tags,
        };
        break;
      case 'table':
        resource.aws_route_table![`t${group}`] = { vpc_id: '${aws_vpc.main.id}', tags };
        break;
      case 'association':
        resource.aws_route_table_association![`a${group}`] = {
          subnet_id: `\${aws_subnet.s${group}.id}`,
          route_table_id: `\${aws_route_table.t${group}.id}`,
        };
        break;
      case 'route':
        resource.aws_route![`r${group}`] = {
          route_table_id: `\${aws_route_table.t${group}.id}`,
          destination_cidr_block: '0.0.0.0/0',
          gateway_id: '${aws_internet_gateway.main.id}',
        };
        break;
    }
  }
  const stackDir = join(dir, 'stacks', 'big');
  mkdirSync(stackDir, { recursive: true });
  writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify({ provider: { aws: [{ region }] }, resource }));
}

/**
 * A Terraform module tree of `files` .tf files, written as people write modules: a root module
 * calling nine local modules with for_each over a map of objects, each module split over files
 * (variables, locals with for-expressions, resources with dynamic blocks, outputs).
 */
export function writeTerraformModuleTree(dir: string, files: number): void {
  const modules = 9;
  // The root's two files, then the rest spread over the modules (each: variables.tf and parts).
  const perModule = (m: number) => Math.floor((files - 2) / modules) + (m < (files - 2) % modules ? 1 : 0);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'variables.tf'),
    'variable "zones" {\n  type    = list(string)\n  default = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]\n}\n',
  );
  const calls: string[] = [];
  for (let m = 0; m < modules; m++) {
    calls.push(`module "m${m}" {
  source   = "./modules/m${m}"
  for_each = { for index, zone in var.zones : zone => { index = index, cidr = cidrsubnet("10.${m}.0.0/16", 4, index) } }
  zone     = each.key
  settings = each.value
}
`);
    const moduleDir = join(dir, 'modules', `m${m}`);
    mkdirSync(moduleDir, { recursive: true });
    writeFileSync(
      join(moduleDir, 'variables.tf'),
      'variable "zone" {\n  type = string\n}\n\nvariable "settings" {\n  type = object({ index = number, cidr = string })\n}\n',
    );
    for (let f = 1; f < perModule(m); f++) {
      writeFileSync(
        join(moduleDir, `part${f}.tf`),
        `locals {
  names_${f} = { for i in range(3) : "n\${i}" => upper("\${var.zone}-${f}-\${i}") }
}

resource "aws_subnet" "s${f}" {
  for_each          = local.names_${f}
  vpc_id            = "vpc-${m}"
  availability_zone = var.zone
  cidr_block        = cidrsubnet(var.settings.cidr, 4, ${f % 16})
  tags              = merge({ Name = each.value }, try({ index = tostring(var.settings.index) }, {}))
}

resource "aws_route_table" "t${f}" {
  vpc_id = "vpc-${m}"
  dynamic "route" {
    for_each = var.settings.index == 0 ? [1] : []
    content {
      cidr_block = "0.0.0.0/0"
      gateway_id = "igw-${m}"
    }
  }
}

output "subnets_${f}" {
  value = [for key, subnet in aws_subnet.s${f} : subnet.cidr_block]
}
`,
      );
    }
  }
  writeFileSync(join(dir, 'main.tf'), calls.join('\n'));
}
