// The app's windows: one story list window and any number of story windows, at most one per
// story (asking again focuses it). Closing a story window never touches the list window. Which
// window is ours decides whom IPC answers; which is focused decides where menu commands go.

/** The slice of BrowserWindow the registry uses. */
export interface AppWindow<C = unknown> {
  webContents: C;
  on(event: 'closed', listener: () => void): unknown;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
  isFocused(): boolean;
}

/** What creates the windows (with their placement, guards and page). */
export interface WindowFactory<W> {
  createList(): W;
  createStory(storyId: string): W;
}

/** Keeps track of the app's windows; `factory` makes new ones. */
export function appWindows<C, W extends AppWindow<C>>(factory: WindowFactory<W>) {
  let list: W | null = null;
  const stories = new Map<string, W>();

  const bringForward = (window: W) => {
    if (window.isMinimized()) window.restore();
    window.focus();
    return window;
  };

  return {
    /** The list window, or null while it is closed. */
    get list(): W | null {
      return list;
    },
    /** The open story windows' ids. */
    get storyIds(): string[] {
      return [...stories.keys()];
    },
    /** Shows the list window, opening it if closed. */
    showList(): W {
      if (list) return bringForward(list);
      const created = factory.createList();
      list = created;
      created.on('closed', () => {
        if (list === created) list = null;
      });
      return created;
    },
    /** Shows `storyId` in its own window, opening one if it has none. */
    showStory(storyId: string): W {
      const open = stories.get(storyId);
      if (open) return bringForward(open);
      const created = factory.createStory(storyId);
      stories.set(storyId, created);
      created.on('closed', () => {
        if (stories.get(storyId) === created) stories.delete(storyId);
      });
      return created;
    },
    /** The webContents if it belongs to one of our windows, else null (for the IPC sender check). */
    ours(contents: unknown): C | null {
      const all = [list, ...stories.values()].filter((window): window is W => window !== null);
      return all.find((window) => window.webContents === contents)?.webContents ?? null;
    },
    /** Where menu commands and dialogs go: the focused one of our windows, else the list window. */
    current(): W | null {
      return [...stories.values(), list].find((window) => window?.isFocused()) ?? list;
    },
  };
}

/** What a launch asks for: a story named by a `newsroom://story/ID` link, or just the app. */
export function handleLaunch(storyId: string | null, windows: { showList(): unknown; showStory(id: string): unknown }): void {
  if (storyId === null) windows.showList();
  else windows.showStory(storyId);
}
