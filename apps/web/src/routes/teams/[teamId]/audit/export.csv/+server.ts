// The audit trail as a CSV download, with the filters of the page it was linked from. Streamed in
// keyset batches (see streamAuditCsv), so a long trail never sits in memory.
import { error } from '@sveltejs/kit';
import { streamAuditCsv } from '@rightsize/api';
import { ZAuditFilter } from '@rightsize/validators';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { auditFilterFromQuery } from '#lib/audit/format.ts';
import { api } from '#lib/server/api.ts';
import { db } from '#lib/server/db.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

export const GET: RequestHandler = async (event) => {
  requireUser(event);
  const teamId = event.params.teamId;
  // The membership check, through the same procedure and middleware as every page: anyone in the
  // team may read its trail; anyone else gets the 404 of a team that does not exist.
  const team = await orNotFound(api(event).team.get({ teamId }), 'Team');
  const parsed = ZAuditFilter.safeParse(auditFilterFromQuery(event.url.searchParams));
  if (!parsed.success) {
    const problems = Object.entries(z.flattenError(parsed.error).fieldErrors).map(
      ([field, messages]) => `${field}: ${(messages as string[]).join(' ')}`,
    );
    error(400, `Check the filters: ${problems.join('; ')}`);
  }

  const encoder = new TextEncoder();
  const chunks = streamAuditCsv({ db: db(), teamId: team.id, filter: parsed.data });
  const body = new ReadableStream<Uint8Array>({
    // One batch per pull: a slow download holds the next query back.
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (caught) {
        event.locals.log.error({ err: caught, teamId }, 'audit CSV export failed part-way');
        controller.error(caught);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${team.slug}-audit-${date}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
};
