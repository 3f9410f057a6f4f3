// A small leveled logger. Lines go to stderr (warnings, errors) and stdout (info), one event
// per line, so that operators can grep them and tests can capture them.

/** Where log lines go. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Levels from chattiest to quietest; `silent` logs nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

const describe = (error: unknown) =>
  error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);

/** A logger writing to the console at `level` and above. */
export function consoleLogger(level: LogLevel = 'info'): Logger {
  const min = ORDER.indexOf(level);
  const at = (l: LogLevel) => ORDER.indexOf(l) >= min;
  const stamp = () => new Date().toISOString();
  return {
    debug: (m) => at('debug') && console.log(`${stamp()} debug ${m}`),
    info: (m) => at('info') && console.log(`${stamp()} info  ${m}`),
    warn: (m) => at('warn') && console.warn(`${stamp()} WARN  ${m}`),
    error: (m, e) => at('error') && console.error(`${stamp()} ERROR ${m}${e === undefined ? '' : `\n${describe(e)}`}`),
  };
}
