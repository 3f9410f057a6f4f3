// Does the package carry everything the app loads? Starting from what Electron opens (package.json's
// `main`, the preload, the renderer's index.html), follows every file each one references (a
// bundle's relative require/import, a page's src/href, a stylesheet's url()) and checks each
// against electron-builder.yml's `files` globs. Runs on the built dist/ without Electron's binary.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, matchesGlob, normalize, relative } from 'node:path';

/** The `files:` list of an electron-builder.yml (a plain YAML list of strings, quoted or not). */
export function filesGlobs(yamlText: string): string[] {
  const lines = yamlText.split('\n');
  const start = lines.findIndex((line) => /^files:\s*$/.test(line));
  if (start === -1) throw new Error('electron-builder.yml has no files: list');
  const globs: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = /^\s+-\s+(.+?)\s*$/.exec(line);
    if (!item) break;
    globs.push(item[1].replace(/^(["'])(.*)\1$/, '$2'));
  }
  return globs;
}

/** Whether electron-builder packs `file` (relative to the app root, `/`-separated): the last glob that matches decides, `!` excludes. */
export function isPacked(file: string, globs: readonly string[]): boolean {
  let packed = false;
  for (const glob of globs) {
    const negated = glob.startsWith('!');
    if (matchesGlob(file, negated ? glob.slice(1) : glob)) packed = !negated;
  }
  return packed;
}

// The files one file references, resolved against its own folder (or the renderer root for `/…`).
function referencesOf(file: string, text: string, rendererRoot: string): string[] {
  const found: string[] = [];
  const local = (ref: string) => !/^[a-z][a-z0-9+.-]*:|^\/\/|^#|^data:/i.test(ref);
  const add = (ref: string) => {
    const clean = ref.split(/[?#]/)[0];
    if (clean && local(clean)) found.push(clean.startsWith('/') ? join(rendererRoot, clean) : join(dirname(file), clean));
  };
  if (/\.(c|m)?js$/.test(file)) {
    for (const m of text.matchAll(/(?:require\(|import\(|from\s*)\s*["'](\.{1,2}\/[^"']+)["']/g)) add(m[1]);
    // Vite's renderer chunks name their siblings in a preload list: "assets/x.js".
    if (file.startsWith(rendererRoot)) for (const m of text.matchAll(/["'](assets\/[^"']+\.(?:js|css))["']/g)) add(`/${m[1]}`);
  } else if (file.endsWith('.html')) {
    for (const m of text.matchAll(/\s(?:src|href)=["']([^"']+)["']/g)) add(m[1]);
  } else if (file.endsWith('.css')) {
    for (const m of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) add(m[1]);
  }
  return found;
}

/** Every file the app loads, from `entries` (absolute paths) through their references; `missing` lists references to files that do not exist. */
export function loadedFiles(entries: readonly string[], rendererRoot: string): { files: string[]; missing: string[] } {
  const seen = new Set<string>();
  const missing: string[] = [];
  const queue = entries.map((entry) => normalize(entry));
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!existsSync(file)) {
      missing.push(file);
      continue;
    }
    if (/\.(c|m)?js$|\.html$|\.css$/.test(file)) queue.push(...referencesOf(file, readFileSync(file, 'utf8'), rendererRoot).map((ref) => normalize(ref)));
  }
  return { files: [...seen].filter((file) => !missing.includes(file)), missing };
}

/** The files the app loads that electron-builder would leave out (paths relative to `appRoot`). */
export function unpackedFiles(appRoot: string, entries: readonly string[], rendererRoot: string, globs: readonly string[]): { unpacked: string[]; missing: string[] } {
  const { files, missing } = loadedFiles(entries, rendererRoot);
  const rel = (file: string) => relative(appRoot, file).split('\\').join('/');
  return { unpacked: files.map(rel).filter((file) => !isPacked(file, globs)), missing: missing.map(rel) };
}
