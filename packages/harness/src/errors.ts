/**
 * The harness's one error class. Every code names a kind of bad input the user can act on; the
 * message says what and where (file:line, logical ID, address) and what to do.
 */
export type HarnessErrorCode =
  | 'ARTIFACT_MISSING'
  | 'ARTIFACT_CORRUPT'
  | 'TEMPLATE_SYNTAX'
  | 'UNKNOWN_INTRINSIC'
  | 'UNKNOWN_TAG'
  | 'BAD_INTRINSIC_ARGUMENTS'
  | 'UNRESOLVED_REFERENCE'
  | 'UNKNOWN_ATTRIBUTE'
  | 'CIRCULAR_REFERENCE'
  | 'MISSING_PARAMETER'
  | 'PARAMETER_CONSTRAINT'
  | 'UNSUPPORTED_TRANSFORM'
  | 'TRANSFORM_FAILED'
  | 'MISSING_CONTEXT'
  | 'HCL_SYNTAX'
  | 'UNKNOWN_FUNCTION'
  | 'FUNCTION_ARGUMENTS'
  | 'MISSING_VARIABLE'
  | 'VARIABLE_VALIDATION'
  | 'INDETERMINATE_EXPANSION'
  /** A module source terraform init downloads (registry, git …) is not there yet. */
  | 'MODULE_NOT_INSTALLED'
  | 'BASELINE_INVALID'
  /** A user's program (check --cdk-app, --pulumi) threw, or ran past its time limit. */
  | 'PROGRAM_FAILED'
  | 'INTERNAL_LIMIT'
  /** A waivers file that is not YAML/JSON or has no `waivers` list. */
  | 'WAIVERS_INVALID'
  /** A --rules module that cannot be loaded, exports no rules, or runs past its time limit. */
  | 'RULES_INVALID';

export interface SourceLocation {
  readonly file: string;
  /** 1-based, when known. */
  readonly line?: number;
  readonly column?: number;
}

export function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return '';
  return `${location.file}${location.line ? `:${location.line}` : ''}${location.line && location.column ? `:${location.column}` : ''}`;
}

export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  readonly location: SourceLocation | undefined;
  /** The logical ID, Terraform address or URN the problem is in, when there is one. */
  readonly subject: string | undefined;

  constructor(
    code: HarnessErrorCode,
    message: string,
    options: { location?: SourceLocation; subject?: string } = {},
  ) {
    const where = formatLocation(options.location);
    const subject = options.subject ? `${options.subject}: ` : '';
    super(`${where ? `${where}: ` : ''}${subject}${message}`);
    this.name = 'HarnessError';
    this.code = code;
    this.location = options.location;
    this.subject = options.subject;
  }
}

export function isHarnessError(error: unknown): error is HarnessError {
  return error instanceof HarnessError;
}
