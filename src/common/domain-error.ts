import { PROBLEM_TYPES, ProblemType } from './problem-types';

export interface InvalidParam {
  /** The field or parameter, as the client named it (`from`, `items[0].indicatorCode`). */
  name: string;
  reason: string;
}

/**
 * A refusal by a rule of the domain. Services throw these (never HTTP exceptions);
 * the global filter turns them into application/problem+json.
 */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly type: ProblemType,
    readonly detail: string,
    readonly extra: { law?: string; invalidParams?: InvalidParam[]; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'DomainError';
    this.status = PROBLEM_TYPES[type].status;
  }

  static validation(invalidParams: InvalidParam[], detail?: string): DomainError {
    return new DomainError(
      'validation-failed',
      detail ?? invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; '),
      { invalidParams },
    );
  }
}
