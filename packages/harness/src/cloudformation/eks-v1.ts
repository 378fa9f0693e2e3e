/**
 * aws-eks (v1) creates its cluster with the custom resource Custom::AWSCDK-EKS-Cluster, whose
 * `Config` is the EKS CreateCluster request (camelCase). To compare it like any cluster, its
 * properties are restated in AWS::EKS::Cluster's shape.
 */
import { isValueObject, type Value, type ValueObject } from '../model/value.js';

function field(object: Value | undefined, key: string): Value | undefined {
  return isValueObject(object) ? object[key] : undefined;
}

function defined(entries: [string, Value | undefined][]): ValueObject {
  return Object.fromEntries(entries.filter((entry): entry is [string, Value] => entry[1] !== undefined));
}

export function clusterPropertiesFromEksApi(properties: ValueObject): ValueObject {
  const config = properties.Config;
  const vpc = field(config, 'resourcesVpcConfig');
  const encryption = field(config, 'encryptionConfig');
  const logging = field(config, 'logging');
  const access = field(config, 'accessConfig');
  const enabledTypes = Array.isArray(field(logging, 'clusterLogging'))
    ? (field(logging, 'clusterLogging') as Value[])
        .filter((setting) => field(setting, 'enabled') !== false)
        .flatMap((setting) =>
          Array.isArray(field(setting, 'types')) ? (field(setting, 'types') as Value[]) : [],
        )
        .map((type) => ({ Type: type }))
    : undefined;
  return defined([
    ['Name', field(config, 'name')],
    ['Version', field(config, 'version')],
    ['RoleArn', field(config, 'roleArn')],
    [
      'ResourcesVpcConfig',
      vpc === undefined
        ? undefined
        : defined([
            ['SubnetIds', field(vpc, 'subnetIds')],
            ['SecurityGroupIds', field(vpc, 'securityGroupIds')],
            ['EndpointPublicAccess', field(vpc, 'endpointPublicAccess')],
            ['EndpointPrivateAccess', field(vpc, 'endpointPrivateAccess')],
            ['PublicAccessCidrs', field(vpc, 'publicAccessCidrs')],
          ]),
    ],
    [
      'EncryptionConfig',
      Array.isArray(encryption)
        ? encryption.map((item) =>
            defined([
              ['Resources', field(item, 'resources')],
              ['Provider', defined([['KeyArn', field(field(item, 'provider'), 'keyArn')]])],
            ]),
          )
        : undefined,
    ],
    ['Logging', enabledTypes ? { ClusterLogging: { EnabledTypes: enabledTypes } } : undefined],
    [
      'AccessConfig',
      access === undefined
        ? undefined
        : defined([
            ['AuthenticationMode', field(access, 'authenticationMode')],
            [
              'BootstrapClusterCreatorAdminPermissions',
              field(access, 'bootstrapClusterCreatorAdminPermissions'),
            ],
          ]),
    ],
    ['BootstrapSelfManagedAddons', field(config, 'bootstrapSelfManagedAddons')],
    ['Tags', field(config, 'tags')],
  ]);
}
