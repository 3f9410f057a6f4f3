// System notifications. A notification about a story opens that story (in its own window) when
// clicked. (The dock/taskbar badge is taskbar-badge.ts.)

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
