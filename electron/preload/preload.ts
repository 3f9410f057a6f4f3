// The preload: runs sandboxed before the renderer and exposes the DesktopBridge, nothing else.
// Built into one CommonJS file whose only runtime import is 'electron' (vite.electron.config.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_BRIDGE_GLOBAL } from '../../model/desktop-bridge.ts';
import { createDesktopBridge } from './desktop-bridge-client.ts';

contextBridge.exposeInMainWorld(DESKTOP_BRIDGE_GLOBAL, createDesktopBridge(ipcRenderer));
