// Export file names come from the headline.
import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../renderer/src/lib/export-file-name.ts';

describe('exportFileName', () => {
  it('makes a lower-case, hyphenated name with the format’s extension', () => {
    expect(exportFileName('Harbour Bridge Reopens', 'text')).toBe('harbour-bridge-reopens.txt');
    expect(exportFileName('Harbour Bridge Reopens', 'html')).toBe('harbour-bridge-reopens.html');
    expect(exportFileName('Harbour Bridge Reopens', 'ninjs')).toBe('harbour-bridge-reopens.json');
  });

  it('turns runs of punctuation and spaces into one hyphen and trims them at the ends', () => {
    expect(exportFileName('  "Wait!" — 3 things / you: need?  ', 'text')).toBe('wait-3-things-you-need.txt');
    expect(exportFileName('../../etc/passwd', 'text')).toBe('etc-passwd.txt');
  });

  it('keeps letters and digits of any script', () => {
    expect(exportFileName('Café in Zürich, 2024', 'text')).toBe('café-in-zürich-2024.txt');
    expect(exportFileName('Москва сегодня', 'html')).toBe('москва-сегодня.html');
  });

  it('is "story" when the headline has no letters or digits', () => {
    expect(exportFileName('', 'text')).toBe('story.txt');
    expect(exportFileName('   ', 'ninjs')).toBe('story.json');
    expect(exportFileName('?!—…', 'html')).toBe('story.html');
  });

  it('keeps names short, without a hyphen left at the cut', () => {
    const name = exportFileName('word '.repeat(40), 'text');
    const base = name.slice(0, -'.txt'.length);
    expect(base.length).toBeLessThanOrEqual(60);
    expect(base).toMatch(/^word(-word)*$/);
  });

  it('never contains path separators or characters file systems refuse', () => {
    expect(exportFileName('a/b\\c:d*e?f"g<h>i|j', 'text')).toBe('a-b-c-d-e-f-g-h-i-j.txt');
  });

  it('says which version it holds when given one', () => {
    expect(exportFileName('Harbour Bridge Reopens', 'text', 'approved')).toBe('harbour-bridge-reopens-approved.txt');
    expect(exportFileName('Harbour Bridge Reopens', 'html', 'live')).toBe('harbour-bridge-reopens-live-draft.html');
    expect(exportFileName('', 'ninjs', 3)).toBe('story-revision-3.json');
  });
});
