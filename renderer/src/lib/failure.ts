// Failures told as sentences: what could not be done, and the server's reason.

/** "Could not WHAT: the reason." — one sentence, whatever the error's own punctuation. */
export function failure(what: string, error: unknown): string {
  const reason = (error instanceof Error ? error.message : String(error)).trim().replace(/[.\s]+$/, '');
  return reason ? `Could not ${what}: ${reason}.` : `Could not ${what}.`;
}
