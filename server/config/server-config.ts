// The server's config file (`--config FILE`, env NEWSROOM_CONFIG; docs/CLI.md): JSON with, for
// now, one section, the newsroom's default limits for desks that set none:
//   {"limits": {"headlineChars": 80, "bodyWords": 1200}}
// Parsing is pure (tested without files); main.ts reads the file.
import { limitsProblem, NO_LIMITS, readLimits, type DeskLimits } from '../../model/desk-limits.ts';

/** What the config file sets. */
export interface ServerConfig {
  /** Default limits (model/desk-limits.ts), each null for none. */
  limits: DeskLimits;
}

/** The config without a file: no default limits. */
export const DEFAULT_CONFIG: ServerConfig = { limits: NO_LIMITS };

/** A config file that cannot be used, with the sentence that says why. */
export class ConfigError extends Error {}

/** The config in `text` (the file's content); a ConfigError naming `source` when it is not JSON of the documented shape. */
export function parseServerConfig(text: string, source: string): ServerConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${source} is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`${source} must hold a JSON object like {"limits": {"headlineChars": 80}}`);
  const unknown = Object.keys(value).find((key) => key !== 'limits');
  if (unknown !== undefined) throw new ConfigError(`${source} has an unknown section ${JSON.stringify(unknown.slice(0, 40))}: the sections are limits`);
  const limits = (value as { limits?: unknown }).limits;
  if (limits === undefined) return DEFAULT_CONFIG;
  const problem = limitsProblem(limits);
  if (problem) throw new ConfigError(`${source}: ${problem}`);
  return { limits: readLimits(limits as Partial<DeskLimits>) };
}
