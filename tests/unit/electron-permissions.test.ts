// Web permissions: every request and every check is refused.
import { describe, expect, it } from 'vitest';
import { installPermissionHandlers, type PermissionSession } from '../../electron/main/permissions.ts';

describe('installPermissionHandlers', () => {
  const handlers: { request?: Parameters<PermissionSession['setPermissionRequestHandler']>[0]; check?: Parameters<PermissionSession['setPermissionCheckHandler']>[0] } = {};
  installPermissionHandlers({
    setPermissionRequestHandler: (handler) => (handlers.request = handler),
    setPermissionCheckHandler: (handler) => (handlers.check = handler),
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'display-capture', 'unknown'])('denies a request for %s', (permission) => {
    const answers: boolean[] = [];
    handlers.request?.({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
  });

  it.each(['media', 'notifications', 'hid', 'usb', 'serial'])('reports %s as not granted', (permission) => {
    expect(handlers.check?.({}, permission)).toBe(false);
  });
});
