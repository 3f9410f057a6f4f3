// Process boundaries in electron/: nothing imports the renderer, only the two entry points
// import Electron at run time (everything else is testable in Node), and the shared and
// launcher code imports no Electron at all; main and preload share only shared/ and model/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ELECTRON_DIR = join(import.meta.dirname, '..', '..', 'electron');
const ENTRY_POINTS = ['main/main.ts', 'preload/preload.ts'];

function sources(): Array<{ file: string; imports: string[]; text: string }> {
  return readdirSync(ELECTRON_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => {
      const text = readFileSync(join(ELECTRON_DIR, file), 'utf8');
      const imports = [...text.matchAll(/^\s*import\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1]);
      return { file: file.replaceAll('\\', '/'), imports, text };
    });
}

describe('electron/ boundaries', () => {
  it('finds the sources', () => {
    expect(sources().map((source) => source.file)).toEqual(expect.arrayContaining(ENTRY_POINTS));
  });

  it('never imports from renderer/', () => {
    for (const { file, text } of sources()) expect(text, file).not.toMatch(/from\s+['"][^'"]*renderer\//);
  });

  it("imports 'electron' at run time only in main.ts and preload.ts", () => {
    const runtimeElectron = sources().filter((source) => source.imports.includes('electron')).map((source) => source.file);
    expect(runtimeElectron.sort()).toEqual([...ENTRY_POINTS].sort());
  });

  it('keeps shared/ free of imports, and launcher/ free of Electron', () => {
    for (const { file, text } of sources()) {
      if (file.startsWith('shared/')) expect(text, file).not.toMatch(/^\s*import\s/m);
      if (file.startsWith('launcher/')) expect(text, file).not.toMatch(/from\s+['"]electron['"]/);
    }
  });

  it('keeps main-process code out of the preload, and preload code out of main', () => {
    for (const { file, text } of sources()) {
      if (file.startsWith('preload/')) expect(text, file).not.toMatch(/from\s+['"]\.\.\/main\//);
      if (file.startsWith('main/')) expect(text, file).not.toMatch(/from\s+['"]\.\.\/preload\//);
    }
  });
});
