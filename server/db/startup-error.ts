// A start-up failure the user can act on: its message is one line saying what is
// wrong and what to do, printed as it is instead of a stack trace.
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
