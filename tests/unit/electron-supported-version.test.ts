// The pinned Electron must be one Electron still ships security fixes for: the three newest
// stable majors (https://www.electronjs.org/docs/latest/tutorial/electron-timelines). No network
// at test time: the newest majors are recorded below with the date they were checked. Electron
// ships a major about every 8 weeks, so a record older than 24 weeks (three majors) is refused:
// then re-check the timelines page, update SUPPORTED, and move the pin if it has fallen out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Electron's newest stable majors, as checked on `checked` (YYYY-MM-DD). */
const SUPPORTED = { checked: '2026-12-07', newestMajors: [45, 44, 43] };
const MAX_RECORD_AGE_DAYS = 24 * 7;

const ROOT = join(import.meta.dirname, '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;

describe('the pinned Electron', () => {
  const pinned = (readJson('package.json').devDependencies as Record<string, string>).electron;

  it('is pinned exactly (a range would let installs drift between majors)', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('is within the newest three supported majors', () => {
    expect(SUPPORTED.newestMajors).toContain(Number(pinned.split('.')[0]));
  });

  it('is what is installed', () => {
    expect(readJson('node_modules/electron/package.json').version).toBe(pinned);
  });

  it('is checked against a record young enough to trust', () => {
    const ageDays = (Date.now() - Date.parse(`${SUPPORTED.checked}T00:00:00Z`)) / 86_400_000;
    expect(ageDays, `SUPPORTED was checked on ${SUPPORTED.checked}: re-check Electron's timelines and update it`).toBeLessThan(MAX_RECORD_AGE_DAYS);
  });
});
