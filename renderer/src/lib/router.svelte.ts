// Hash routes: `#/` is the story list, `#/stories/ID` one story, `#/credits` the credits report. Hash routing works the same
// from the server, from Electron's app:// files and offline.

/** The current route, reactive. */
export class Router {
  hash = $state(window.location.hash);
  /** The open story's id, or null on the list. */
  articleId = $derived(/^#\/stories\/([^/?#]+)$/.exec(this.hash)?.[1] ?? null);
  /** The credits report is open. */
  credits = $derived(this.hash === '#/credits');

  constructor() {
    window.addEventListener('hashchange', () => (this.hash = window.location.hash));
  }

  /** Opens a story. */
  openArticle(id: string): void {
    window.location.hash = `#/stories/${id}`;
  }

  /** Back to the story list. */
  openList(): void {
    window.location.hash = '#/';
  }
}

/** The link to a story, for anchors. */
export const articleHref = (id: string) => `#/stories/${id}`;
