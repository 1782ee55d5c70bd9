import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { auditFilterFromQuery } from '#lib/audit/format.ts';
import { api } from '#lib/server/api.ts';
import { failure, unvalidated, type FormFailure } from '#lib/server/forms.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const caller = api(event);
  const teamId = event.params.teamId;
  const filter = auditFilterFromQuery(event.url.searchParams);
  const cursor = event.url.searchParams.get('cursor')?.trim() || undefined;
  const [options, members] = await orNotFound(
    Promise.all([caller.audit.filters({ teamId }), caller.team.members({ teamId })]),
    'Team',
  );

  let page: Awaited<ReturnType<typeof caller.audit.find>> = { events: [], nextCursor: null };
  let problem: Pick<FormFailure, 'message' | 'fieldErrors'> | null = null;
  try {
    page = await caller.audit.find(
      unvalidated({ teamId, ...filter, cursor: cursor === undefined ? undefined : Number(cursor) }),
    );
  } catch (caught) {
    // A hand-edited URL (a date like 31/01/2026, a cursor of "x"): say which filter to fix.
    if (!(caught instanceof TRPCError && caught.code === 'BAD_REQUEST' && caught.cause instanceof z.ZodError)) {
      throw caught;
    }
    problem = {
      message: 'Check the filters marked below.',
      fieldErrors: z.flattenError(caught.cause).fieldErrors as FormFailure['fieldErrors'],
    };
  }

  // Current members first, then people who left but whose events remain.
  const current = new Set(members.map((member) => member.userId));
  const actors = [
    ...members.map((member) => ({ id: member.userId, label: member.displayName })),
    ...options.actors
      .filter((actor) => !current.has(actor.id))
      .map((actor) => ({ id: actor.id, label: `${actor.displayName} (former member)` })),
  ].sort((a, b) => a.label.localeCompare(b.label));

  return {
    filter,
    cursor,
    page,
    problem,
    actions: options.actions,
    entityTypes: options.entityTypes,
    actors,
  };
};

export const actions: Actions = {
  verify: async (event) => {
    requireUser(event);
    try {
      return { verified: await api(event).audit.verify({ teamId: event.params.teamId }) };
    } catch (caught) {
      return failure(event, caught, { form: 'verify' });
    }
  },
};
