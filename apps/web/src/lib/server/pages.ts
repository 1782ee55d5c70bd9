// What every signed-in page does first, in one place: send anonymous visitors to sign in (and
// back), and turn "no such row for you" from a procedure into the 404 page, so a team or task of
// someone else looks exactly like one that does not exist.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';

/** Redirects to sign-in when nobody is signed in; returns the user otherwise. */
export const requireUser = (event: RequestEvent) => {
  const user = event.locals.user;
  if (!user) redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  return user;
};

/**
 * Awaits a procedure call for a page load: NOT_FOUND, and BAD_REQUEST on an id taken from the URL
 * (a malformed id cannot name anything), become a 404 saying `what` was not found.
 */
export const orNotFound = async <T>(call: Promise<T>, what: string): Promise<T> => {
  try {
    return await call;
  } catch (caught) {
    if (caught instanceof TRPCError && (caught.code === 'NOT_FOUND' || caught.code === 'BAD_REQUEST')) {
      error(404, `${what} not found.`);
    }
    throw caught;
  }
};
