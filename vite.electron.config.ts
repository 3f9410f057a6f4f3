// Builds the Electron code into dist/electron/: the main process (main/main.cjs) and the
// preload (preload/preload.cjs), as two separate builds so they never share a chunk. Both are
// CommonJS: a sandboxed preload must be one CommonJS file whose only require is 'electron'.
// Run: node node_modules/vite/bin/vite.js build --config vite.electron.config.ts
import { builtinModules } from 'node:module';
import { defineConfig, type Plugin } from 'vite';

// Node's built-in modules, in both spellings: main requires them at run time.
const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

// Fails the preload build unless it is a single chunk that imports nothing but 'electron'.
function selfContainedPreload(): Plugin {
  return {
    name: 'newsroom:self-contained-preload',
    applyToEnvironment: (environment) => environment.name === 'preload',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
      if (chunks.length !== 1) this.error(`the preload must be one file, not ${chunks.length}`);
      const imports = chunks.flatMap((chunk) => [...chunk.imports, ...chunk.dynamicImports]).filter((id) => id !== 'electron');
      if (imports.length > 0) this.error(`the sandboxed preload may import only 'electron', not ${imports.join(', ')}`);
    },
  };
}

// One entry, built for Node (main) or for the sandboxed preload, as a single unminified .cjs file.
function electronBuild(entry: string, outDir: string, external: string[]) {
  return {
    consumer: 'server' as const,
    // Bundle every dependency (electron-updater and its own): the package ships no node_modules
    // (electron-builder.yml), so main may require only 'electron' and Node's built-ins at run time.
    resolve: { noExternal: true as const },
    build: {
      outDir,
      emptyOutDir: true,
      // Electron 45 runs a Chromium newer than 146 and Node 24; es2023 is well inside both.
      target: 'es2023',
      minify: false,
      ssr: entry,
      rolldownOptions: { external, output: { format: 'cjs' as const, entryFileNames: '[name].cjs' } },
    },
  };
}

export default defineConfig({
  // Never copy the renderer's public/ folder into the Electron output.
  publicDir: false,
  plugins: [selfContainedPreload()],
  environments: {
    main: electronBuild('electron/main/main.ts', 'dist/electron/main', ['electron', ...NODE_BUILTINS]),
    preload: electronBuild('electron/preload/preload.ts', 'dist/electron/preload', ['electron']),
  },
  builder: {
    // Only these two; Vite's default client and ssr environments have nothing to build here.
    async buildApp(builder) {
      await builder.build(builder.environments.main);
      await builder.build(builder.environments.preload);
    },
  },
});
