// Where the window loads from, and where the built pieces and user files live.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtPaths, userDataFiles } from '../../electron/main/app-paths.ts';
import { DEFAULT_RENDERER_URL, RENDERER_URL_ENV, rendererTarget } from '../../electron/main/renderer-target.ts';

describe('rendererTarget', () => {
  it('loads the built renderer through app:// by default', () => {
    expect(rendererTarget({}, false)).toEqual({ url: 'app://newsroom/index.html', origin: 'app://newsroom' });
    expect(rendererTarget({ [RENDERER_URL_ENV]: '' }, false).url).toBe(DEFAULT_RENDERER_URL);
  });

  it('loads a development server named by the variable, and trusts its origin', () => {
    expect(rendererTarget({ [RENDERER_URL_ENV]: 'http://localhost:5173/' }, false)).toEqual({ url: 'http://localhost:5173/', origin: 'http://localhost:5173' });
    expect(rendererTarget({ [RENDERER_URL_ENV]: 'http://127.0.0.1:4455/' }, false).origin).toBe('http://127.0.0.1:4455');
  });

  it('ignores the variable in a packaged app', () => {
    expect(rendererTarget({ [RENDERER_URL_ENV]: 'https://evil.example/' }, true).url).toBe(DEFAULT_RENDERER_URL);
  });

  it('refuses a variable that is not an http(s) URL', () => {
    for (const value of ['file:///tmp/index.html', 'javascript:alert(1)', 'localhost:5173', 'app://other/']) {
      expect(() => rendererTarget({ [RENDERER_URL_ENV]: value }, false), value).toThrow(RENDERER_URL_ENV);
    }
  });
});

describe('app paths', () => {
  it('finds the preload and the renderer build under the app folder', () => {
    expect(builtPaths('/opt/Newsroom/resources/app.asar')).toEqual({
      preload: join('/opt/Newsroom/resources/app.asar', 'dist/electron/preload/preload.cjs'),
      rendererRoot: join('/opt/Newsroom/resources/app.asar', 'dist/renderer'),
    });
  });

  it('keeps its files in userData', () => {
    expect(userDataFiles('/home/ana/.config/Newsroom')).toEqual({
      windowState: join('/home/ana/.config/Newsroom', 'window-state.json'),
      storyWindows: join('/home/ana/.config/Newsroom', 'story-windows.json'),
      newsroomWords: join('/home/ana/.config/Newsroom', 'newsroom-words.json'),
      session: join('/home/ana/.config/Newsroom', 'session.json'),
      preferences: join('/home/ana/.config/Newsroom', 'preferences.json'),
    });
  });
});
