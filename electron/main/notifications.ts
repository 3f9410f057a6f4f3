// System notifications and the dock/taskbar badge. A notification about a story opens that
// story (in its own window) when clicked.

/** What the renderer asks to show. */
export interface NotificationRequest {
  title: string;
  body: string;
  /** The story it is about, opened on click; null for none. */
  storyId: string | null;
}

/** The slice of Electron's Notification used here. */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

/** Electron's Notification class, as far as it is used here. */
export interface NotificationClass {
  new (options: { title: string; body: string }): NotificationLike;
  isSupported(): boolean;
}

/** Shows `request` where notifications are supported; clicking it calls `openStory` with its story. */
export function showNotification(Notification: NotificationClass, request: NotificationRequest, openStory: (storyId: string) => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: request.title, body: request.body });
  const { storyId } = request;
  if (storyId !== null) notification.on('click', () => openStory(storyId));
  notification.show();
}

/** The largest badge shown; more reads the same (no dock shows five digits usefully). */
export const MAX_BADGE_COUNT = 9999;

/** Sets the dock/taskbar badge (0 clears it) where the platform has one (macOS, Linux Unity launchers). */
export function setBadge(app: { setBadgeCount(count?: number): boolean }, count: number): void {
  app.setBadgeCount(Math.min(count, MAX_BADGE_COUNT));
}
