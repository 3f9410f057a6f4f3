// Story windows: links that name a story (newsroom://story/ID, #/stories/ID), the registry of the
// list window and one window per story, a launch handed over by a second instance, and each story
// window's remembered bounds.
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appWindows, handleLaunch } from '../../electron/main/app-windows.ts';
import { installNavigationGuards } from '../../electron/main/navigation-guards.ts';
import { isStoryId, storyIdFromAppUrl, storyIdFromArgv, storyIdFromLink, storyWindowUrl } from '../../electron/main/story-links.ts';
import { DEFAULT_PLACEMENT, MAX_REMEMBERED_STORY_WINDOWS, storyWindowStateStore } from '../../electron/main/window-state.ts';

const UUID = '3f2b9c1e-0d4a-4c55-9a7e-1b2c3d4e5f60';

describe('story links', () => {
  it('newsroom://story/ID names a story; anything else names none', () => {
    expect(storyIdFromLink(`newsroom://story/${UUID}`)).toBe(UUID);
    expect(storyIdFromLink(`newsroom://story/${UUID}/`)).toBe(UUID);
    for (const other of ['newsroom://stories/1', 'newsroom://story/', 'newsroom://story/a/b', 'https://story/1', 'newsroom://story/..%2Faccount', 'not a url']) {
      expect(storyIdFromLink(other), other).toBeNull();
    }
  });

  it('a command line names the story of its first story link (as Windows and Linux pass it)', () => {
    expect(storyIdFromArgv(['/opt/Newsroom/newsroom', '--no-sandbox', 'newsroom://story/abc'])).toBe('abc');
    expect(storyIdFromArgv(['/opt/Newsroom/newsroom', '.'])).toBeNull();
  });

  it('a renderer URL on our origin names the story it routes to', () => {
    expect(storyIdFromAppUrl('app://newsroom/index.html#/stories/abc', 'app://newsroom')).toBe('abc');
    expect(storyIdFromAppUrl('app://newsroom/index.html#/account', 'app://newsroom')).toBeNull();
    expect(storyIdFromAppUrl('https://evil.example/#/stories/abc', 'app://newsroom')).toBeNull();
  });

  it('story ids: route-safe and bounded', () => {
    expect(isStoryId(UUID)).toBe(true);
    for (const bad of ['', 'a/b', 'a#b', 'a?b', 'x'.repeat(201), 3, null]) expect(isStoryId(bad), String(bad)).toBe(false);
  });

  it('a story window loads the entry page with the story route', () => {
    expect(storyWindowUrl('app://newsroom/index.html', 'abc')).toBe('app://newsroom/index.html#/stories/abc');
    expect(storyWindowUrl('http://localhost:5173/#/', 'abc')).toBe('http://localhost:5173/#/stories/abc');
  });
});

class FakeWindow extends EventEmitter {
  webContents = { id: Symbol('contents') };
  focus = vi.fn();
  restore = vi.fn();
  minimized = false;
  focused = false;
  constructor(readonly kind: string) {
    super();
  }
  isMinimized() {
    return this.minimized;
  }
  isFocused() {
    return this.focused;
  }
}

function registry() {
  const created: FakeWindow[] = [];
  const windows = appWindows<FakeWindow['webContents'], FakeWindow>({
    createList: () => {
      const window = new FakeWindow('list');
      created.push(window);
      return window;
    },
    createStory: (id) => {
      const window = new FakeWindow(`story:${id}`);
      created.push(window);
      return window;
    },
  });
  return { windows, created };
}

describe('appWindows', () => {
  it('one window per story: asking again brings it forward (restored if minimised)', () => {
    const { windows, created } = registry();
    const first = windows.showStory('a');
    first.minimized = true;
    expect(windows.showStory('a')).toBe(first);
    expect(first.restore).toHaveBeenCalledOnce();
    expect(first.focus).toHaveBeenCalledOnce();
    windows.showStory('b');
    expect(created.map((window) => window.kind)).toEqual(['story:a', 'story:b']);
    expect(windows.storyIds).toEqual(['a', 'b']);
  });

  it('closing the last story window keeps the list window; a closed window can open again', () => {
    const { windows, created } = registry();
    const list = windows.showList();
    const story = windows.showStory('a');
    story.emit('closed');
    expect(windows.storyIds).toEqual([]);
    expect(windows.list).toBe(list);
    windows.showStory('a');
    list.emit('closed');
    expect(windows.list).toBeNull();
    windows.showList();
    expect(created.map((window) => window.kind)).toEqual(['list', 'story:a', 'story:a', 'list']);
  });

  it("answers IPC only for its own windows' webContents", () => {
    const { windows } = registry();
    const list = windows.showList();
    const story = windows.showStory('a');
    expect(windows.ours(list.webContents)).toBe(list.webContents);
    expect(windows.ours(story.webContents)).toBe(story.webContents);
    expect(windows.ours({ id: 'other' })).toBeNull();
    story.emit('closed');
    expect(windows.ours(story.webContents)).toBeNull();
  });

  it('menu commands go to the focused window, else the list window', () => {
    const { windows } = registry();
    const list = windows.showList();
    const story = windows.showStory('a');
    expect(windows.current()).toBe(list);
    story.focused = true;
    expect(windows.current()).toBe(story);
  });

  it('a launch with a story link opens that story; without, brings the list forward', () => {
    const { windows, created } = registry();
    handleLaunch(null, windows);
    handleLaunch('a', windows);
    handleLaunch(null, windows);
    expect(created.map((window) => window.kind)).toEqual(['list', 'story:a']);
    expect(created[0].focus).toHaveBeenCalledOnce();
  });
});

describe('middle-click on a story link', () => {
  it('opens the story in its own window (the page gets no window of its own)', () => {
    const contents = Object.assign(new EventEmitter(), { handler: undefined as undefined | ((details: { url: string }) => unknown) });
    const openStory = vi.fn();
    const shell = { openExternal: vi.fn(async () => {}) };
    installNavigationGuards(
      Object.assign(contents, { setWindowOpenHandler: (handler: (details: { url: string }) => { action: 'deny' }) => (contents.handler = handler) }),
      { shell, appOrigin: 'app://newsroom', openStory },
    );
    expect(contents.handler?.({ url: 'app://newsroom/index.html#/stories/abc' })).toEqual({ action: 'deny' });
    expect(openStory).toHaveBeenCalledWith('abc');
    contents.handler?.({ url: 'https://example.com/' });
    expect(openStory).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/');
  });
});

describe('storyWindowStateStore', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };

  it("keeps each story window's bounds apart, and opens a new story at the fallback", () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsroom-story-windows-'));
    dirs.push(dir);
    const file = join(dir, 'story-windows.json');
    const states = storyWindowStateStore(fs, file, screen);
    expect(states.load('a')).toEqual(DEFAULT_PLACEMENT);
    states.save('a', { x: 10, y: 10, width: 800, height: 900, maximized: false });
    states.save('b', { x: 900, y: 40, width: 700, height: 900, maximized: true });
    expect(states.load('a')).toEqual({ x: 10, y: 10, width: 800, height: 900, maximized: false });
    expect(states.load('b')).toEqual({ x: 900, y: 40, width: 700, height: 900, maximized: true });
    expect(states.load('__proto__')).toEqual(DEFAULT_PLACEMENT);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')))).toEqual(['a', 'b']);
  });

  it(`remembers at most ${MAX_REMEMBERED_STORY_WINDOWS} stories, forgetting the longest unused`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsroom-story-windows-'));
    dirs.push(dir);
    const file = join(dir, 'story-windows.json');
    const states = storyWindowStateStore(fs, file, screen);
    for (let i = 0; i <= MAX_REMEMBERED_STORY_WINDOWS; i++) states.save(`s${i}`, { x: 0, y: 0, width: 800, height: 600, maximized: false });
    states.save('s1', { x: 5, y: 5, width: 800, height: 600, maximized: false });
    const kept = Object.keys(JSON.parse(readFileSync(file, 'utf8')));
    expect(kept).toHaveLength(MAX_REMEMBERED_STORY_WINDOWS);
    expect(kept).not.toContain('s0');
    expect(kept.at(-1)).toBe('s1');
  });
});
