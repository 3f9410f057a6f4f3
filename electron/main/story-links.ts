// Which story a link, a launch or a window-open names: `newsroom://story/ID` (the registered
// protocol, from another app or a second launch) and the renderer's own `#/stories/ID` routes.
import { isSameOrigin } from './url-checks.ts';

/** The scheme the app registers with the OS for links to a story. */
export const STORY_LINK_SCHEME = 'newsroom';

// A story id as the renderer routes it: the server's ids and the ones made offline; nothing that
// could change the route (`/`, `?`, `#`) or is absurdly long.
const STORY_ID = /^[A-Za-z0-9_-]{1,200}$/;

/** True for a string that can be a story id. */
export function isStoryId(value: unknown): value is string {
  return typeof value === 'string' && STORY_ID.test(value);
}

/** The story `newsroom://story/ID` names, or null for any other text. */
export function storyIdFromLink(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== `${STORY_LINK_SCHEME}:` || url.host !== 'story') return null;
  const id = url.pathname.replace(/^\/|\/$/g, '');
  return isStoryId(id) ? id : null;
}

/** The story a command line names (a protocol link the OS passes on Windows and Linux), or null. */
export function storyIdFromArgv(argv: readonly string[]): string | null {
  for (const arg of argv) {
    const id = storyIdFromLink(arg);
    if (id !== null) return id;
  }
  return null;
}

/** The story a renderer URL on `appOrigin` routes to (`…#/stories/ID`), or null. */
export function storyIdFromAppUrl(url: string, appOrigin: string): string | null {
  if (!isSameOrigin(url, appOrigin)) return null;
  const id = /#\/stories\/([^/?#]+)$/.exec(url)?.[1];
  return id !== undefined && isStoryId(id) ? id : null;
}

/** The URL that opens `storyId` in a window: the renderer's entry page with the story's route. */
export function storyWindowUrl(rendererUrl: string, storyId: string): string {
  return `${rendererUrl.replace(/#.*$/, '')}#/stories/${storyId}`;
}
