/** One problem with a target: where it is (a dotted path such as `nodeGroups[1].maxSize`) and what to do. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

export type SpecErrorCode =
  | 'SPEC_INVALID'
  | 'SPEC_NOT_JSON'
  | 'SPEC_NOT_FOUND'
  | 'SPEC_OUTSIDE_ENVELOPE'
  /** A write aimed at a file or folder iac-compare does not own: refused, nothing touched. */
  | 'OUTPUT_REFUSED';

/** The spec package's one error class. Libraries throw it; only the CLI prints it. */
export class SpecError extends Error {
  readonly code: SpecErrorCode;
  readonly problems: readonly Problem[];
  /** The file the target came from, when it came from one. */
  readonly file: string | undefined;

  constructor(code: SpecErrorCode, problems: readonly Problem[], file?: string) {
    const where = file ? `${file}: ` : '';
    const head =
      code === 'SPEC_INVALID'
        ? `${where}the target has ${problems.length} problem${problems.length === 1 ? '' : 's'}`
        : `${where}${problems[0]?.message ?? code}`;
    const body = code === 'SPEC_INVALID' ? problems.map((p) => `\n  ${formatProblem(p)}`).join('') : '';
    super(head + body);
    this.name = 'SpecError';
    this.code = code;
    this.problems = problems;
    this.file = file;
  }
}

export function formatProblem(problem: Problem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

export function isSpecError(error: unknown): error is SpecError {
  return error instanceof SpecError;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends an object key to a problem path: `.name` for identifiers, `["kubernetes.io/role"]` otherwise. */
export function appendKey(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}
