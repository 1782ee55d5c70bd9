import type { ConflictDetail } from '@rightsize/api';
import type { SmallVerdict } from '@rightsize/core';

/** The comparison's reading of A, L and L, offered next to those letters. */
export type Suggestions = Record<'AFFORDABLE' | 'LATENCY' | 'LOCAL', { verdict: SmallVerdict; reason: string }>;

/** What the task page's actions return, as the cards read it. */
export interface TaskFormResult {
  form?: string;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
  conflict?: ConflictDetail;
  saved?: boolean;
  added?: boolean;
  removed?: boolean;
}
