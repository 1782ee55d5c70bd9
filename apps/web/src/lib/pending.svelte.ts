import type { SubmitFunction } from '$app/forms';

/**
 * A form's in-flight state for `use:enhance`: `busy` is true from submit until SvelteKit has
 * applied the result, so the submit button can be disabled against double posts.
 *
 *   const pending = createPending();
 *   <form use:enhance={pending.submit}> … <SubmitButton disabled={pending.busy}>
 */
export const createPending = () => {
  let busy = $state(false);
  const submit: SubmitFunction = () => {
    busy = true;
    return async ({ update }) => {
      await update();
      busy = false;
    };
  };
  return {
    get busy() {
      return busy;
    },
    submit,
  };
};
