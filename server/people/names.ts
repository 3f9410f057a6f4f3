// Checks of the names people type for people and desks: trimmed, not empty, capped, and without
// control characters (a name is shown in lists, logs and audit entries).
import { badRequest } from '../http/http-error.ts';

// C0 and C1 controls, and the line and paragraph separators.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** `value` trimmed, or 400 naming `what` when it is empty, longer than `max` characters or holds a control character. */
export function checkedName(value: string, what: string, max: number): string {
  const name = value.trim();
  if (name === '') throw badRequest(`${what} is empty`);
  if ([...name].length > max) throw badRequest(`${what} is longer than ${max} characters`);
  if (CONTROL.test(name)) throw badRequest(`${what} holds a control character`);
  return name;
}
