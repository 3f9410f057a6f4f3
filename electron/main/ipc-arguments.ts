// Validation of IPC arguments: whatever arrives from the renderer is untrusted input, so each
// handler states exactly how many arguments it takes, of which type and how large.

/** Thrown, and so returned to the caller as a rejected promise, for arguments a handler does not accept. */
export class InvalidIpcArgumentError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidIpcArgumentError';
  }
}

/** Throws unless exactly `count` arguments arrived. */
export function expectArgumentCount(args: readonly unknown[], count: number): void {
  if (args.length !== count) throw new InvalidIpcArgumentError(`expected ${count} argument(s), got ${args.length}`);
}

/** `value` if it is a string of at most `maxLength` UTF-16 units; throws otherwise. */
export function expectString(value: unknown, name: string, maxLength: number): string {
  if (typeof value !== 'string') throw new InvalidIpcArgumentError(`${name} must be a string`);
  if (value.length > maxLength) throw new InvalidIpcArgumentError(`${name} is longer than ${maxLength} characters`);
  return value;
}

/** Like expectString, but null is accepted too. */
export function expectStringOrNull(value: unknown, name: string, maxLength: number): string | null {
  return value === null ? null : expectString(value, name, maxLength);
}
