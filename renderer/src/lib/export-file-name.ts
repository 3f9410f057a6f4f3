// File names for exports, from the headline and the version exported.
import type { VersionRef } from '../../../model/api-types.ts';
import type { ExportFormat } from './api.ts';

const EXTENSIONS: Record<ExportFormat, string> = { text: 'txt', html: 'html', ninjs: 'json' };

/** What a file name says of the version in it: `-approved`, `-revision-3`, `-live-draft`. */
const versionSuffix = (version: VersionRef): string => (version === 'approved' ? '-approved' : version === 'live' ? '-live-draft' : `-revision-${version}`);

/**
 * A safe file name like `harbour-bridge-reopens.txt`; `story.txt` when the headline is empty. With
 * `version`, the name says which: `harbour-bridge-reopens-approved.txt`.
 */
export function exportFileName(headline: string, format: ExportFormat, version?: VersionRef): string {
  const base = headline
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `${base || 'story'}${version === undefined ? '' : versionSuffix(version)}.${EXTENSIONS[format]}`;
}
