// The import boundaries eslint.config.js draws between the processes, checked on small snippets
// linted with the project's own config (without type information: these rules need none).
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ overrideConfig: [tseslint.configs.disableTypeChecked] });

/** The boundary rules' complaints about `code` as if it were the file at `filePath`. */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('import boundaries', () => {
  it('keeps model/ pure: no Node modules, no I/O or DOM packages, no server, renderer or electron code, no Node or DOM globals', async () => {
    for (const source of ['node:fs', 'fs', 'path', 'ws', 'pg', 'electron', 'prosemirror-view', 'y-websocket', '../server/log.ts', '../renderer/src/lib/api.ts', '../electron/shared/ipc-channels.ts']) {
      expect(await refusals('model/example.ts', `import * as x from '${source}';\nexport const y = x;\n`), source).toHaveLength(1);
    }
    for (const global of ['process.env.HOME', 'document.title', 'window.name', 'Buffer.from("")']) {
      expect(await refusals('model/example.ts', `export const y = ${global};\n`), global).toHaveLength(1);
    }
    expect(await refusals('model/example.ts', "import * as Y from 'yjs';\nimport { ROLES } from './roles.ts';\nexport const y = [Y, ROLES];\n")).toEqual([]);
  });

  it('keeps electron/ away from the renderer, which it reaches over IPC', async () => {
    expect(await refusals('electron/main/example.ts', "import { Api } from '../../renderer/src/lib/api.ts';\nexport const y = Api;\n")).toHaveLength(1);
    const allowed = "import { rendererTarget } from './renderer-target.ts';\nimport type { DesktopBridge } from '../../model/desktop-bridge.ts';\nexport const y: DesktopBridge | typeof rendererTarget | null = null;\n";
    expect(await refusals('electron/main/example.ts', allowed)).toEqual([]);
  });

  it('keeps the renderer off Node, the server and the shell, and the server off the renderer and the shell', async () => {
    expect(await refusals('renderer/src/lib/example.ts', "import { join } from 'node:path';\nexport const y = join;\n")).toHaveLength(1);
    expect(await refusals('renderer/src/lib/example.ts', "import { startServer } from '../../../server/start-server.ts';\nexport const y = startServer;\n")).toHaveLength(1);
    expect(await refusals('server/example.ts', "import { Api } from '../renderer/src/lib/api.ts';\nexport const y = Api;\n")).toHaveLength(1);
    expect(await refusals('server/example.ts', "import { main } from '../electron/main/main.ts';\nexport const y = main;\n")).toHaveLength(1);
    expect(await refusals('server/example.ts', "import { readFile } from 'node:fs/promises';\nexport const y = readFile;\n")).toEqual([]);
  });
});
