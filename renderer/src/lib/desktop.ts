// The desktop bridge when running in Electron, or browser stand-ins for each of its actions.
import { DESKTOP_BRIDGE_GLOBAL, type DesktopBridge, type PickedImageFile } from '../../../model/desktop-bridge.ts';

const SESSION_KEY = 'newsroom.session';

function pickFiles(accept: string, multiple: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.addEventListener('change', () => resolve([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => resolve([]), { once: true });
    input.click();
  });
}

/** A browser File as the bridge's picked image. */
export async function imageFromFile(file: File): Promise<PickedImageFile> {
  return { name: file.name, type: file.type || 'application/octet-stream', data: new Uint8Array(await file.arrayBuffer()) };
}

/** What a plain browser offers in place of the desktop shell. */
export const browserBridge: DesktopBridge = {
  appVersion: async () => 'web',
  async openTextFile() {
    const [file] = await pickFiles('.txt,.md,text/plain', false);
    return file ? { name: file.name, text: await file.text() } : null;
  },
  async openImageFiles() {
    return Promise.all((await pickFiles('image/jpeg,image/png,image/webp,image/gif', true)).map(imageFromFile));
  },
  async saveExport(suggestedName, content) {
    const url = URL.createObjectURL(new Blob([content], { type: 'text/plain;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: suggestedName });
    link.click();
    // Revoke after the click has started the download.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    return true;
  },
  async notify(title, body, storyId = null) {
    if (!('Notification' in window)) return;
    if (Notification.permission === 'default') await Notification.requestPermission();
    if (Notification.permission !== 'granted') return;
    const notification = new Notification(title, { body });
    // A click brings this tab forward on the story.
    if (storyId !== null)
      notification.onclick = () => {
        window.focus();
        window.location.hash = `#/stories/${encodeURIComponent(storyId)}`;
      };
  },
  // The Badging API, where the browser has it (an installed web app); elsewhere nothing.
  async setBadgeCount(count) {
    if (!('setAppBadge' in navigator)) return;
    await (count > 0 ? navigator.setAppBadge(count) : navigator.clearAppBadge()).catch(() => undefined);
  },
  async storeSession(session) {
    if (session === null) localStorage.removeItem(SESSION_KEY);
    else localStorage.setItem(SESSION_KEY, session);
  },
  readSession: async () => localStorage.getItem(SESSION_KEY),
  async openExternal(url) {
    if (/^https?:/i.test(url)) window.open(url, '_blank', 'noopener,noreferrer');
  },
  // A browser has no application menu; the same actions are buttons in the UI.
  onMenuCommand: () => () => undefined,
  setExportChoices: async () => undefined,
  onExportVersion: () => () => undefined,
  // The browser's own spell checker and menu work untouched; it has no languages to choose here.
  spellingLanguages: async () => ({ available: [], chosen: [] }),
  setSpellingLanguages: async () => undefined,
  // The newsroom dictionary is the desktop's: a browser's spell checker cannot be given words.
  useNewsroomDictionary: async () => undefined,
  onAddToNewsroomDictionary: () => () => undefined,
  // The browser's print dialog saves PDFs itself ("Save as PDF" as its printer).
  async savePdf() {
    window.print();
    return true;
  },
  async openStoryWindow(storyId) {
    window.open(`#/stories/${encodeURIComponent(storyId)}`, '_blank', 'noopener');
  },
};

/** The bridge the preload exposed, or the browser stand-in. */
export function desktop(): DesktopBridge {
  return (window as unknown as Record<string, DesktopBridge | undefined>)[DESKTOP_BRIDGE_GLOBAL] ?? browserBridge;
}

/** Whether the app runs inside the desktop shell. */
export const isDesktop = () => (window as unknown as Record<string, unknown>)[DESKTOP_BRIDGE_GLOBAL] !== undefined;
