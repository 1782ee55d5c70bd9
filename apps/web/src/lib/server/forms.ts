// Form actions call the same procedures as the HTTP API; this turns their errors into what a form
// shows: a message, the problems per field (from the shared zod schemas or the service), and the
// values to put back.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { AppError, type ConflictDetail } from '@rightsize/api';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { z } from 'zod';

export interface FormFailure {
  message: string;
  fieldErrors: Record<string, string[] | undefined>;
  values: Record<string, string>;
  /** Which form on the page failed, when a page has several. */
  form?: string;
  /** A stale edit: who changed the row since the form was loaded, and its version now. */
  conflict?: ConflictDetail;
}

/** The form's text fields, minus anything secret, to fill the form again after a failure. */
export const formValues = (data: FormData, omit: string[] = []): Record<string, string> =>
  Object.fromEntries(
    [...data.entries()].filter(([key, value]) => typeof value === 'string' && !omit.includes(key)) as [
      string,
      string,
    ][],
  );

export const text = (data: FormData, key: string): string | undefined => {
  const value = data.get(key);
  return typeof value === 'string' ? value : undefined;
};

/** Where to go after signing in: a path on this site only, never another host. */
export const safeNext = (value: string | null | undefined, fallback = '/teams'): string =>
  value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : fallback;

/** Zod issues keyed by the form field `fieldFor` names for each issue's path. */
const nestedFieldErrors = (error: z.ZodError, fieldFor: (path: readonly PropertyKey[]) => string) => {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    // A union that matched no branch carries the branches' own issues; show those, not "invalid".
    const issues = issue.code === 'invalid_union' && issue.errors.length ? issue.errors.flat() : [issue];
    for (const inner of issues) {
      const path = issue === inner ? inner.path : [...issue.path, ...inner.path];
      (errors[fieldFor(path)] ??= []).push(inner.message);
    }
  }
  return errors;
};

/**
 * The failure to return from an action for an error a procedure threw. Unexpected errors are
 * rethrown (the error page and handleError deal with them); a lost session goes to sign-in.
 */
export const failure = (
  event: RequestEvent,
  error: unknown,
  {
    values = {},
    form,
    fieldFor,
  }: {
    values?: Record<string, string>;
    form?: string;
    /** Maps a nested schema path to the form field that shows it (forms whose inputs are flat). */
    fieldFor?: (path: readonly PropertyKey[]) => string;
  } = {},
) => {
  if (!(error instanceof TRPCError)) throw error;
  if (error.code === 'UNAUTHORIZED' && event.locals.user === null && !event.url.pathname.startsWith('/sign-in')) {
    redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname)}`);
  }
  const status = getHTTPStatusCodeFromError(error);
  if (status >= 500) throw error;
  const cause = error.cause;
  const fieldErrors: FormFailure['fieldErrors'] =
    cause instanceof z.ZodError
      ? fieldFor
        ? nestedFieldErrors(cause, fieldFor)
        : (z.flattenError(cause).fieldErrors as FormFailure['fieldErrors'])
      : cause instanceof AppError
        ? (cause.fieldErrors ?? {})
        : {};
  if (cause instanceof AppError && cause.retryAfterSeconds !== undefined) {
    event.setHeaders({ 'retry-after': String(cause.retryAfterSeconds) });
  }
  const message = cause instanceof z.ZodError ? 'Check the fields marked below.' : error.message;
  const body: FormFailure = {
    message,
    fieldErrors,
    values,
    ...(form ? { form } : {}),
    ...(cause instanceof AppError && cause.conflict ? { conflict: cause.conflict } : {}),
  };
  return fail(status, body);
};

/**
 * Form values go to a procedure as they came: its zod input schema is what checks them, and its
 * field errors come back to the form. This only tells TypeScript so.
 */
export const unvalidated = <T>(value: Record<string, unknown>): T => value as T;
