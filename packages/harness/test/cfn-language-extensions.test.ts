/**
 * Regressions for CloudFormation behaviours the evaluator mirrors because a real deploy failed on
 * them: AWS::LanguageExtensions evaluating Fn::Select in resources whose Condition is false, and
 * a logical ID used by a parameter and a resource.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorOf, evaluateText } from './cfn-helpers.js';

/** packages/cloudformation/templates/network.yaml before it dropped the transform (commit f9b00d2^). */
const OLD_NETWORK = readFileSync(
  join(import.meta.dirname, 'fixtures', 'cloudformation', 'network-with-language-extensions.yaml'),
  'utf8',
);

const TWO_AZS = {
  AvailabilityZones: 'eu-west-1a,eu-west-1b',
  VpcCidr: '10.40.0.0/16',
  PublicSubnetCidrs: '10.40.0.0/24,10.40.1.0/24',
  PrivateSubnetCidrs: '10.40.32.0/19,10.40.64.0/19',
  IntraSubnetCidrs: '10.40.3.0/24,10.40.4.0/24',
};

describe('AWS::LanguageExtensions, as strict as the service', () => {
  it('fails the old network template for two AZs: the transform selects index 2 in a false-conditioned subnet', () => {
    const error = errorOf(() => evaluateText(OLD_NETWORK, { parameters: TWO_AZS }));
    expect(error.code).toBe('TRANSFORM_FAILED');
    expect(error.message).toContain('Fn::Select cannot select nonexistent value at index 2');
    expect(error.message).toContain('cfn-language-discussion#159');
  });

  it('evaluates the same template for three AZs (every index exists)', () => {
    const stack = evaluateText(OLD_NETWORK, {
      parameters: {
        AvailabilityZones: 'eu-west-1a,eu-west-1b,eu-west-1c',
        VpcCidr: '10.40.0.0/16',
        PublicSubnetCidrs: '10.40.0.0/24,10.40.1.0/24,10.40.2.0/24',
        PrivateSubnetCidrs: '10.40.32.0/19,10.40.64.0/19,10.40.96.0/19',
        IntraSubnetCidrs: '10.40.3.0/24,10.40.4.0/24,10.40.5.0/24',
      },
    });
    expect(stack.resources.filter((resource) => resource.type === 'AWS::EC2::Subnet')).toHaveLength(9);
  });

  it('without the transform, a false Condition keeps Fn::Select from being evaluated', () => {
    const text = `Parameters:
  Zones: { Type: CommaDelimitedList, Default: 'a,b' }
Conditions:
  HasThird: !Equals [!Select [0, [x]], y]
Resources:
  Third:
    Type: AWS::SNS::Topic
    Condition: HasThird
    Properties:
      TopicName: !Select [2, !Ref Zones]
`;
    expect(evaluateText(text).resources).toEqual([]);
    const error = errorOf(() => evaluateText(`Transform: AWS::LanguageExtensions\n${text}`));
    expect(error.code).toBe('TRANSFORM_FAILED');
  });
});

describe('logical IDs', () => {
  it('refuses a name that is both a parameter and a resource, as CloudFormation does', () => {
    const error = errorOf(() =>
      evaluateText(`Parameters:
  Topic: { Type: String, Default: demo }
Resources:
  Topic:
    Type: AWS::SNS::Topic
`),
    );
    expect(error.code).toBe('TEMPLATE_SYNTAX');
    expect(error.message).toContain('Topic is both a parameter and a resource');
  });
});
