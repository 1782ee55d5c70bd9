import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { api } from '#lib/server/api.ts';
import { failure, text } from '#lib/server/forms.ts';
import { orNotFound, requireUser } from '#lib/server/pages.ts';

export const load: PageServerLoad = async (event) => {
  requireUser(event);
  const caller = api(event);
  const { teamId, taskId } = event.params;
  const [task, candidates] = await Promise.all([
    orNotFound(caller.task.get({ teamId, taskId }), 'Task'),
    orNotFound(caller.candidate.find({ teamId, taskId }), 'Task'),
  ]);
  return {
    task: { id: task.id, name: task.name },
    candidates: candidates.filter((c) => c.kind !== 'CASCADE').map((c) => ({ id: c.id, name: c.name })),
  };
};

type Tool = 'promptfoo' | 'lm-eval';
const toolOf = (data: FormData): Tool => (text(data, 'tool') === 'lm-eval' ? 'lm-eval' : 'promptfoo');

const importer = (event: Parameters<Actions[string]>[0], tool: Tool) =>
  tool === 'lm-eval' ? api(event).evidence.importLmEval : api(event).evidence.importPromptfoo;

export const actions: Actions = {
  /** Step 1: read the file and show what it holds, with a suggested mapping. Writes nothing. */
  preview: async (event) => {
    const data = await event.request.formData();
    const tool = toolOf(data);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) {
      return fail(400, {
        step: 'upload' as const,
        tool,
        message: 'Choose a results file to import.',
        fieldErrors: { file: ['Choose a results file to import.'] },
      });
    }
    const content = await file.text();
    try {
      const preview = await importer(
        event,
        tool,
      )({
        teamId: event.params.teamId,
        taskId: event.params.taskId,
        fileName: file.name,
        content,
      });
      // Without a mapping the procedure only reads the file.
      if (preview.imported) throw new Error('an import without a mapping wrote a run');
      return { step: 'map' as const, tool, fileName: file.name, content, preview };
    } catch (caught) {
      const result = failure(event, caught, {});
      // The parser's problems are about the file: show them on the file field.
      const body = result.data;
      return fail(result.status, {
        step: 'upload' as const,
        tool,
        message: body.message,
        fieldErrors: { file: body.fieldErrors.content ?? body.fieldErrors.file ?? [body.message] },
      });
    }
  },
  /** Step 2: write the run, the measured figures and the evidence, with the mapping confirmed. */
  confirm: async (event) => {
    const data = await event.request.formData();
    const tool = toolOf(data);
    const mapping: Record<string, string | null> = {};
    for (const [key, value] of data.entries()) {
      if (key.startsWith('map:') && typeof value === 'string') mapping[key.slice(4)] = value === '' ? null : value;
    }
    try {
      const imported = await importer(
        event,
        tool,
      )({
        teamId: event.params.teamId,
        taskId: event.params.taskId,
        fileName: text(data, 'fileName') ?? '',
        content: text(data, 'content') ?? '',
        mapping,
      });
      return { step: 'done' as const, tool, imported };
    } catch (caught) {
      const result = failure(event, caught, {});
      return fail(result.status, {
        step: 'upload' as const,
        tool,
        message: result.data.message,
        fieldErrors: result.data.fieldErrors,
      });
    }
  },
};
