import { z } from 'zod';
import { CAPACITIES, ROLES } from './constants.ts';

/** Addresses are compared as stored: trimmed and lower-cased before any check. */
export const zEmail = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }));

/** Ids are UUIDs (v7); anything else cannot name a row, so it is refused before any query. */
export const zId = z.uuid({ error: 'Not a valid id.' });

/** The row version a client last saw, for optimistic concurrency. */
export const zVersion = z.int({ error: 'Not a valid version.' }).min(1).max(2_147_483_647);

export const zRole = z.enum(ROLES, { error: `Choose one of ${ROLES.join(', ')}.` });

/** Duplicates are dropped rather than refused: a form may post the same checkbox twice. */
export const zCapacities = z
  .array(z.enum(CAPACITIES, { error: `Capacities are ${CAPACITIES.join(', ')}.` }), {
    error: 'Capacities must be a list.',
  })
  .max(CAPACITIES.length * 2, 'Too many capacities.')
  .transform((list) => CAPACITIES.filter((capacity) => list.includes(capacity)));
