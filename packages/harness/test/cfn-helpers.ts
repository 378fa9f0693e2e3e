import {
  type EvaluatedStack,
  evaluateTemplate,
  type StackEnvironment,
} from '../src/cloudformation/evaluate.js';
import { parseTemplateText } from '../src/cloudformation/template-file.js';
import type { Value } from '../src/model/value.js';

export const ENV: StackEnvironment = {
  stackName: 'test-stack',
  account: '111122223333',
  region: 'eu-west-1',
  partition: 'aws',
  urlSuffix: 'amazonaws.com',
};

/** Evaluates YAML (or JSON) template text. */
export function evaluateText(text: string, env: Partial<StackEnvironment> = {}): EvaluatedStack {
  return evaluateTemplate(parseTemplateText('test.yaml', text), { ...ENV, ...env });
}

/**
 * Evaluates one expression as the Value property of a resource, in a template with the given
 * extra sections (YAML text indented under the top level).
 */
export function evaluateExpression(
  expression: string,
  sections = '',
  env: Partial<StackEnvironment> = {},
): Value | undefined {
  const text = `${sections}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Subject:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: ${expression}
`;
  const stack = evaluateText(text, env);
  return stack.resources.find((resource) => resource.logicalId === 'Subject')!.properties.Value;
}

export function errorOf(action: () => unknown): { code: string; message: string } {
  try {
    action();
  } catch (error) {
    return { code: (error as { code?: string }).code ?? 'NO_CODE', message: (error as Error).message };
  }
  throw new Error('expected an error');
}
