/** The runner's one error class: a lab that cannot be run as written (exit 2, file:line first). */
export type LabErrorCode = 'LAB_INVALID' | 'LAB_USAGE' | 'LAB_SCRATCH';

export interface LabLocation {
  readonly file: string;
  readonly line?: number;
}

export class LabError extends Error {
  readonly code: LabErrorCode;
  readonly location: LabLocation | undefined;

  constructor(code: LabErrorCode, message: string, location?: LabLocation) {
    super(message);
    this.name = 'LabError';
    this.code = code;
    this.location = location;
  }

  /** `file:line: message`, as a person reads it. */
  describe(): string {
    if (!this.location) return this.message;
    const where = this.location.line ? `${this.location.file}:${this.location.line}` : this.location.file;
    return `${where}: ${this.message}`;
  }
}
