// Errors the user caused (bad flags, bad files, an unreachable cluster). The CLI prints them as one
// clear line and exits non-zero, without a stack trace; anything else is a bug and keeps its stack.
// A leaf module: every layer may throw one, so it imports nothing from the project.
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
