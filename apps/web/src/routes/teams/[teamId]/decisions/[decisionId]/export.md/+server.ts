import type { RequestHandler } from './$types';
import { api } from '#lib/server/api.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

/** One decision as MADR 4 Markdown, through the procedure (membership and tenancy checked there). */
export const GET: RequestHandler = async (event) => {
  requireUser(event);
  const { teamId, decisionId } = event.params;
  const { fileName, markdown } = await orNotFound(
    api(event).decision.exportMarkdown({ teamId, decisionId }),
    'Decision',
  );
  return new Response(markdown, {
    headers: {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
    },
  });
};
