import { describe, expect, it } from 'vitest';
import { isUnknown, Unknown, type Value } from '../src/model/value.js';
import { ENV, errorOf, evaluateExpression, evaluateText } from './cfn-helpers.js';

const PARAMETERS = `Parameters:
  Name: { Type: String, Default: demo }
  Count: { Type: Number, Default: 3 }
  Zones: { Type: 'List<AWS::EC2::AvailabilityZone::Name>', Default: 'eu-west-1a,eu-west-1b' }
  Cidrs: { Type: CommaDelimitedList, Default: '10.0.0.0/24, 10.0.1.0/24' }
  Latest: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /aws/service/eks/latest }
  Flag: { Type: String, Default: 'true', AllowedValues: ['true', 'false'] }
Mappings:
  Sizes:
    small: { Cpu: '1', Memory: '2' }
    AL2023: { Device: /dev/xvda }
Conditions:
  IsDemo: !Equals [!Ref Name, demo]
  IsProd: !Equals [!Ref Name, prod]
  Both: !And [!Condition IsDemo, !Equals [!Ref Flag, 'true']]
  Either: !Or [!Condition IsProd, !Condition IsDemo]
  NotDemo: !Not [!Condition IsDemo]
  Three: !Equals [!Ref Count, 3]`;

const ref = (address: string, attribute: string) =>
  new Unknown('computed', [{ address: `test-stack/${address}`, attribute }]);

/** [case, expression, expected value] */
const VALUES: [string, string, Value][] = [
  ['Ref to a String parameter', '!Ref Name', 'demo'],
  ['Ref to a Number parameter gives a string', '!Ref Count', '3'],
  ['Ref to a CommaDelimitedList trims items', '!Ref Cidrs', ['10.0.0.0/24', '10.0.1.0/24']],
  ['Ref to a List<AZ> parameter', '!Ref Zones', ['eu-west-1a', 'eu-west-1b']],
  ['AWS::Region', '!Ref AWS::Region', 'eu-west-1'],
  ['AWS::AccountId', '!Ref AWS::AccountId', '111122223333'],
  ['AWS::Partition', '!Ref AWS::Partition', 'aws'],
  ['AWS::URLSuffix', '!Ref AWS::URLSuffix', 'amazonaws.com'],
  ['AWS::StackName', '!Ref AWS::StackName', 'test-stack'],
  ['AWS::NotificationARNs', '!Ref AWS::NotificationARNs', []],
  ['Ref to a resource is unknown, pointing at it', '!Ref Vpc', ref('Vpc', 'Ref')],
  ['GetAtt in long form', '{ "Fn::GetAtt": [Vpc, CidrBlock] }', ref('Vpc', 'CidrBlock')],
  ['GetAtt short form splits at the first dot', '!GetAtt Vpc.CidrBlock', ref('Vpc', 'CidrBlock')],
  ['Sub with pseudo and parameter', "!Sub '${AWS::Region}-${Name}'", 'eu-west-1-demo'],
  ['Sub keeps ${!Literal}', "!Sub 'a-${!Literal}-b'", 'a-${Literal}-b'],
  ['Sub with a variable map', "!Sub ['${A}/${B}', { A: x, B: !Ref Name }]", 'x/demo'],
  ['Sub over a resource is unknown', "!Sub 'arn:${Vpc}'", ref('Vpc', 'Ref')],
  [
    'Sub over an attribute is unknown with that attribute',
    "!Sub '${Vpc.CidrBlock}'",
    ref('Vpc', 'CidrBlock'),
  ],
  ['Join', "!Join ['-', [a, b, !Ref Name]]", 'a-b-demo'],
  ['Join of a list parameter', "!Join [',', !Ref Cidrs]", '10.0.0.0/24,10.0.1.0/24'],
  ['Join drops AWS::NoValue', "!Join ['-', [a, !Ref AWS::NoValue, b]]", 'a-b'],
  ['Join over an unknown is unknown', "!Join ['-', [a, !Ref Vpc]]", ref('Vpc', 'Ref')],
  ['Split', "!Split [',', 'a,b,,c']", ['a', 'b', '', 'c']],
  ['Select', '!Select [1, [a, b, c]]', 'b'],
  ['Select takes a numeric string index', "!Select ['0', !Ref Zones]", 'eu-west-1a'],
  ['Select from a split', "!Select [2, !Split ['.', '10.0.1.0']]", '1'],
  ['Select keeps a known element of a list with unknowns', '!Select [0, [x, !Ref Vpc]]', 'x'],
  ['FindInMap', '!FindInMap [Sizes, small, Memory]', '2'],
  ['GetAZs of the current region', "!GetAZs ''", ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']],
  ['GetAZs of Ref AWS::Region', '!GetAZs { Ref: AWS::Region }', ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']],
  ['GetAZs of another region', '!GetAZs us-east-2', ['us-east-2a', 'us-east-2b', 'us-east-2c']],
  [
    'Cidr counts host bits: 8 bits are /24s',
    "!Cidr ['10.0.0.0/16', 3, 8]",
    ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'],
  ],
  [
    'Cidr in a /20 with 8 host bits still gives /24s',
    "!Cidr ['10.0.0.0/20', 2, 8]",
    ['10.0.0.0/24', '10.0.1.0/24'],
  ],
  ['Cidr with 5 host bits', "!Cidr ['192.168.0.0/24', 2, 5]", ['192.168.0.0/27', '192.168.0.32/27']],
  ['Cidr on IPv6', "!Cidr ['2001:db8::/56', 2, 64]", ['2001:db8::/64', '2001:db8:0:1::/64']],
  ['Base64', '!Base64 hello', 'aGVsbG8='],
  ['If true', '!If [IsDemo, yes, no]', 'yes'],
  ['If false', '!If [IsProd, yes, no]', 'no'],
  ['If over And', '!If [Both, yes, no]', 'yes'],
  ['If over Or', '!If [Either, yes, no]', 'yes'],
  ['If over Not', '!If [NotDemo, yes, no]', 'no'],
  ['Equals compares a number parameter as text', '!If [Three, yes, no]', 'yes'],
  ['If with NoValue drops a list element', '[a, !If [IsProd, b, !Ref AWS::NoValue], c]', ['a', 'c']],
  ['If with NoValue drops a key', '{ A: a, B: !If [IsProd, b, !Ref AWS::NoValue] }', { A: 'a' }],
];

describe('intrinsic functions', () => {
  it.each(VALUES)('%s', (_name, expression, expected) => {
    expect(evaluateExpression(expression, PARAMETERS)).toEqual(expected);
  });

  it('gives an SSM parameter type an Unknown that says why', () => {
    const value = evaluateExpression('!Ref Latest', PARAMETERS);
    expect(isUnknown(value)).toBe(true);
    expect((value as Unknown).reason).toBe('missing-input');
    expect((value as Unknown).detail).toContain('/aws/service/eks/latest');
  });

  it('makes AWS::StackId unknown, not a made-up ID', () => {
    const value = evaluateExpression('!Ref AWS::StackId', PARAMETERS);
    expect(isUnknown(value)).toBe(true);
  });

  it('removes a property set to AWS::NoValue', () => {
    const stack = evaluateText(`Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Ref AWS::NoValue
      DisplayName: shown`);
    expect(stack.resources[0]!.properties).toEqual({ DisplayName: 'shown' });
  });

  it('propagates the union of references through nested functions', () => {
    const value = evaluateExpression(
      "!Join ['', [!Ref Vpc, !Sub '${Vpc.CidrBlock}', x]]",
      PARAMETERS,
    ) as Unknown;
    expect(value.references).toEqual([
      { address: 'test-stack/Vpc', attribute: 'Ref' },
      { address: 'test-stack/Vpc', attribute: 'CidrBlock' },
    ]);
  });
});

describe('AWS::LanguageExtensions', () => {
  const transform = 'Transform: AWS::LanguageExtensions\n';

  it('evaluates Fn::Length and Fn::ToJsonString', () => {
    expect(evaluateExpression('!Length [a, b, c]', transform)).toBe(3);
    expect(evaluateExpression("{ 'Fn::ToJsonString': { a: [1, x] } }", transform)).toBe('{"a":[1,"x"]}');
  });

  it('evaluates Fn::FindInMap with a DefaultValue and computed keys', () => {
    const sections = `${transform}${PARAMETERS.split('Conditions:')[0]}`;
    expect(evaluateExpression('!FindInMap [Sizes, large, Cpu, { DefaultValue: none }]', sections)).toBe(
      'none',
    );
    expect(
      evaluateExpression("!FindInMap [Sizes, !Select [0, !Split ['_', AL2023_x86_64]], Device]", sections),
    ).toBe('/dev/xvda');
  });

  it('refuses Fn::Length without the transform', () => {
    const error = errorOf(() => evaluateExpression('!Length [a]'));
    expect(error.code).toBe('UNKNOWN_INTRINSIC');
    expect(error.message).toContain('Fn::Length needs Transform: AWS::LanguageExtensions');
  });

  it('expands Fn::ForEach in Resources, with &{} making logical IDs, and in properties', () => {
    const stack = evaluateText(`Transform: AWS::LanguageExtensions
Parameters:
  Services: { Type: CommaDelimitedList, Default: 'ecr.api,sts' }
  Keys: { Type: CommaDelimitedList, Default: team }
Resources:
  Fn::ForEach::Endpoints:
    - Service
    - !Ref Services
    - '&{Service}Endpoint':
        Type: AWS::SSM::Parameter
        Properties:
          Type: String
          Value: !Sub 'com.amazonaws.\${AWS::Region}.\${Service}'
          Tags:
            Fn::ForEach::Tags:
              - Key
              - !Ref Keys
              - '\${Key}': !Ref Service
Outputs:
  Fn::ForEach::Out:
    - Service
    - !Ref Services
    - 'Out&{Service}':
        Value: !Ref Service`);
    expect(stack.resources.map((resource) => resource.logicalId)).toEqual(['ecrapiEndpoint', 'stsEndpoint']);
    expect(stack.resources[0]!.properties).toEqual({
      Type: 'String',
      Value: 'com.amazonaws.eu-west-1.ecr.api',
      Tags: { team: 'ecr.api' },
    });
    expect(Object.keys(stack.outputs)).toEqual(['Outecrapi', 'Outsts']);
    expect(stack.outputs.Outsts?.value).toBe('sts');
  });

  it('refuses a Fn::ForEach that generates the same key twice', () => {
    const error = errorOf(() =>
      evaluateText(`Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Twice:
    - Name
    - [a-b, ab]
    - '&{Name}Topic':
        Type: AWS::SNS::Topic`),
    );
    expect(error.code).toBe('BAD_INTRINSIC_ARGUMENTS');
    expect(error.message).toContain('Fn::ForEach::Twice generates key "abTopic" twice');
  });
});

describe('conditions, parameters and structure', () => {
  it('prunes resources and outputs whose condition is false', () => {
    const stack = evaluateText(`${PARAMETERS}
Resources:
  Always: { Type: AWS::SNS::Topic }
  OnlyProd: { Type: AWS::SNS::Topic, Condition: IsProd }
Outputs:
  Shown: { Value: x }
  Hidden: { Value: y, Condition: IsProd }`);
    expect(stack.resources.map((resource) => resource.logicalId)).toEqual(['Always']);
    expect(Object.keys(stack.outputs)).toEqual(['Shown']);
    expect(stack.conditions.IsProd).toBe(false);
  });

  it('applies parameter overrides and checks them against their constraints', () => {
    expect(evaluateExpression('!Ref Name', PARAMETERS, { parameters: { Name: 'prod' } })).toBe('prod');
    const error = errorOf(() =>
      evaluateExpression('!Ref Flag', PARAMETERS, { parameters: { Flag: 'maybe' } }),
    );
    expect(error.code).toBe('PARAMETER_CONSTRAINT');
    expect(error.message).toContain(
      'parameter Flag = "maybe" breaks its constraint: AllowedValues ["true","false"]',
    );
  });

  it.each([
    [
      "Type: String\n    AllowedPattern: '^[a-z]+$'\n    ConstraintDescription: lowercase only",
      'ABC',
      /AllowedPattern \^\[a-z\]\+\$ \(lowercase only\)/,
    ],
    ['Type: Number\n    MinValue: 2', '1', /MinValue 2/],
    ['Type: Number\n    MaxValue: 2', '5', /MaxValue 2/],
    ['Type: Number', 'abc', /must be a number/],
    ['Type: String\n    MaxLength: 3', 'abcd', /MaxLength 3/],
  ])('enforces %s', (definition, given, message) => {
    const error = errorOf(() =>
      evaluateExpression('!Ref P', `Parameters:\n  P:\n    ${definition}`, { parameters: { P: given } }),
    );
    expect(error.code).toBe('PARAMETER_CONSTRAINT');
    expect(error.message).toMatch(message);
  });

  it('treats a parameter without value or default as given at deploy: unknown, with a warning', () => {
    const value = evaluateExpression('!Ref P', 'Parameters:\n  P: { Type: String }');
    expect(isUnknown(value) && value.reason).toBe('missing-input');
    expect(isUnknown(value) && value.describe()).toContain('parameter P is given at deploy');
    const stack = evaluateText(
      'Parameters:\n  P: { Type: String }\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: { TopicName: !Ref P }\n',
    );
    expect(stack.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      expect.stringContaining('parameter P has no value and no Default: it is given at deploy'),
    ]);
  });

  it('reads a Fn::GetAtt whose logical ID is a Fn::Sub or Ref inside Fn::ForEach', () => {
    const stack = evaluateText(`Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Queues:
    - Name
    - [orders, invoices]
    - '\${Name}':
        Type: AWS::SQS::Queue
      '\${Name}Topic':
        Type: AWS::SNS::Topic
        Properties:
          DisplayName: !GetAtt [!Sub '\${Name}', QueueName]
          TopicName: !GetAtt [{ Ref: Name }, Arn]
`);
    const topic = stack.resources.find((resource) => resource.logicalId === 'ordersTopic')!;
    const display = topic.properties.DisplayName;
    expect(isUnknown(display) && display.references).toEqual([
      { address: 'test-stack/orders', attribute: 'QueueName' },
    ]);
    const arn = topic.properties.TopicName;
    expect(isUnknown(arn) && arn.references[0]!.address).toBe('test-stack/orders');
  });
});

describe('bad templates: one clear error each', () => {
  it.each([
    [
      'an unknown intrinsic, naming it and the logical ID',
      "{ 'Fn::Frobnicate': [a] }",
      'UNKNOWN_INTRINSIC',
      /test\.yaml:\d+: Subject: unknown intrinsic function Fn::Frobnicate/,
    ],
    [
      'a Ref to nothing',
      '!Ref Nothing',
      'UNRESOLVED_REFERENCE',
      /Subject: Ref to Nothing, which is not a parameter, resource or pseudo parameter/,
    ],
    ['a GetAtt to nothing', '!GetAtt Nothing.Arn', 'UNRESOLVED_REFERENCE', /Fn::GetAtt to Nothing/],
    [
      'an attribute the type does not have',
      '!GetAtt Vpc.Arn',
      'UNKNOWN_ATTRIBUTE',
      /AWS::EC2::VPC has no attribute Arn; it has .*CidrBlock/,
    ],
    [
      'Select out of range',
      '!Select [5, [a]]',
      'BAD_INTRINSIC_ARGUMENTS',
      /index 5 is outside the list of 1/,
    ],
    [
      'a FindInMap miss',
      '!FindInMap [Sizes, huge, Cpu]',
      'UNRESOLVED_REFERENCE',
      /mapping Sizes has no huge \/ Cpu/,
    ],
    [
      'a Cidr that does not fit',
      "!Cidr ['10.0.0.0/24', 4, 7]",
      'BAD_INTRINSIC_ARGUMENTS',
      /Fn::Cidr: count 4 is out of range/,
    ],
    [
      'Fn::Transform',
      "{ 'Fn::Transform': { Name: AWS::Include } }",
      'UNSUPPORTED_TRANSFORM',
      /cannot be evaluated offline/,
    ],
    ['an undeclared condition', '!If [Nope, a, b]', 'UNRESOLVED_REFERENCE', /condition Nope is not declared/],
  ])('%s', (_name, expression, code, message) => {
    const error = errorOf(() => evaluateExpression(expression, PARAMETERS));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('refuses Fn::And with one condition', () => {
    const error = errorOf(() => evaluateExpression('x', 'Conditions:\n  Bad: !And [!Equals [a, a]]'));
    expect(error.code).toBe('BAD_INTRINSIC_ARGUMENTS');
    expect(error.message).toMatch(/Conditions\.Bad: Fn::And takes 2 to 10 conditions/);
  });

  it('names every member of a circular reference', () => {
    const error = errorOf(() =>
      evaluateText(`Resources:
  A: { Type: AWS::SNS::Topic, Properties: { DisplayName: !GetAtt B.TopicName } }
  B: { Type: AWS::SNS::Topic, Properties: { DisplayName: !GetAtt A.TopicName } }`),
    );
    expect(error.code).toBe('CIRCULAR_REFERENCE');
    expect(error.message).toMatch(/A -> B -> A/);
  });

  it('names conditions that refer to each other in a circle', () => {
    const error = errorOf(() =>
      evaluateText(`Conditions:
  X: !Condition Y
  Y: !Not [!Condition X]
Resources:
  T: { Type: AWS::SNS::Topic }`),
    );
    expect(error.code).toBe('CIRCULAR_REFERENCE');
    expect(error.message).toMatch(/X -> Y -> X/);
  });

  it('refuses a Ref to a resource its condition leaves out, and a DependsOn on nothing', () => {
    const pruned = errorOf(() =>
      evaluateText(`${PARAMETERS}
Resources:
  Prod: { Type: AWS::SNS::Topic, Condition: IsProd }
  User: { Type: AWS::SNS::Topic, Properties: { DisplayName: !Ref Prod } }`),
    );
    expect(pruned.code).toBe('UNRESOLVED_REFERENCE');
    expect(pruned.message).toContain('condition IsProd leaves out');
    const dependsOn = errorOf(() =>
      evaluateText('Resources:\n  T: { Type: AWS::SNS::Topic, DependsOn: Ghost }'),
    );
    expect(dependsOn.message).toContain('DependsOn "Ghost", which is not a resource');
  });

  it('refuses other transforms', () => {
    const error = errorOf(() =>
      evaluateText('Transform: AWS::Serverless-2016-10-31\nResources:\n  T: { Type: AWS::SNS::Topic }'),
    );
    expect(error.code).toBe('UNSUPPORTED_TRANSFORM');
    expect(error.message).toContain('AWS::Serverless-2016-10-31');
  });

  it('points at the line of broken YAML, broken JSON and an unknown short-form tag', () => {
    const yaml = errorOf(() => evaluateText('Resources:\n  T:\n    Type: [unclosed\n'));
    expect(yaml.code).toBe('TEMPLATE_SYNTAX');
    expect(yaml.message).toMatch(/^test\.yaml:\d+:\d+: not valid YAML/);
    const json = errorOf(() =>
      evaluateText('{\n  "Resources": {\n    "T": { "Type": "AWS::SNS::Topic", }\n  }\n}'),
    );
    expect(json.code).toBe('TEMPLATE_SYNTAX');
    expect(json.message).toMatch(/^test\.yaml:3: not valid JSON/);
    const tag = errorOf(() =>
      evaluateText(
        'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Frob x\n',
      ),
    );
    expect(tag.code).toBe('UNKNOWN_TAG');
    expect(tag.message).toMatch(/^test\.yaml:5:\d+: .*!Frob/);
  });

  it('reads JSON templates too', () => {
    const stack = evaluateText(
      JSON.stringify({
        Resources: {
          T: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::Sub': '${AWS::Region}' } } },
        },
      }),
    );
    expect(stack.resources[0]!.properties).toEqual({ DisplayName: ENV.region });
  });
});
