// Hash routes: `#/` is the story list, `#/stories/ID` one story, `#/credits` the credits report,
// `#/board` the budget board, `#/people` the People view (admins), `#/account` one's own account, `#/setup/TOKEN` a setup
// link's page (before signing in). Hash routing works the same
// from the server, from Electron's app:// files and offline.

/** The current route, reactive. */
export class Router {
  hash = $state(window.location.hash);
  /** The open story's id, or null on the list. */
  articleId = $derived(/^#\/stories\/([^/?#]+)$/.exec(this.hash)?.[1] ?? null);
  /** The credits report is open. */
  credits = $derived(this.hash === '#/credits');
  /** The budget board is open. */
  board = $derived(this.hash === '#/board');
  /** The People view is open. */
  people = $derived(this.hash === '#/people');
  /** The account page is open. */
  account = $derived(this.hash === '#/account');
  /** A setup link's token, on its page. */
  setupToken = $derived(/^#\/setup\/([^/?#]+)$/.exec(this.hash)?.[1] ?? null);

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
