// Web permission requests (camera, microphone, geolocation, notifications, clipboard, …) are
// all refused: the renderer needs none of them, and system notifications go through IPC.

/** The slice of Electron's `Session` used here. */
export interface PermissionSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/** Makes `session` deny every permission request and report every permission as not granted. */
export function installPermissionHandlers(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
