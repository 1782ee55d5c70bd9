import type { ConflictDetail } from '@rightsize/api';

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
