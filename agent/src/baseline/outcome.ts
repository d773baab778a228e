/** What evaluating one check gives. Only `fail` becomes a finding. */
export type Outcome =
  | { status: 'pass' }
  | { status: 'fail'; detail: Record<string, unknown> }
  /** The check does not apply here (e.g. no OpenSSH server installed). */
  | { status: 'not_applicable'; reason: string };

export const PASS: Outcome = { status: 'pass' };
export const fail = (detail: Record<string, unknown>): Outcome => ({ status: 'fail', detail });
export const notApplicable = (reason: string): Outcome => ({ status: 'not_applicable', reason });
