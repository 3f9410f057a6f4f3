// File names for exports, from the headline.
import type { ExportFormat } from './api.ts';

const EXTENSIONS: Record<ExportFormat, string> = { text: 'txt', html: 'html', ninjs: 'json' };

/** A safe file name like `harbour-bridge-reopens.txt`; `story.txt` when the headline is empty. */
export function exportFileName(headline: string, format: ExportFormat): string {
  const base = headline
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `${base || 'story'}.${EXTENSIONS[format]}`;
}
