// Errors in the pipeline's definition or selection (bad model files, cycles, unknown refs, bad
// --select): the user can fix them, so the CLI prints them as one line without a stack.
export class PipelineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipelineError';
  }
}
