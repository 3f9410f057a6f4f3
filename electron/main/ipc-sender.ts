// Every IPC call is answered only if it comes from our window's main frame while that frame
// shows the renderer's origin; anything else (another window, an iframe, a page the window
// was somehow navigated to) gets an error instead of an answer.
import { isSameOrigin } from './url-checks.ts';

/** The parts of a frame the check compares; Electron's WebFrameMain has them all. */
export interface FrameIdentity {
  url: string;
  processId: number;
  frameToken: string;
}

/** The parts of an IPC event the check reads. */
export interface IpcSenderEvent {
  sender: unknown;
  senderFrame: FrameIdentity | null;
}

/** Our window's WebContents, as far as the check needs it. */
export interface TrustedContents {
  mainFrame: FrameIdentity;
}

/** Thrown, and so returned to the caller as a rejected promise, for a call from anyone else. */
export class UntrustedSenderError extends Error {
  constructor(reason: string) {
    super(`IPC refused: ${reason}`);
    this.name = 'UntrustedSenderError';
  }
}

/** Throws unless `event` came from the main frame of `trusted` (null when no window is open) and that frame is on `appOrigin`. */
export function assertTrustedSender(event: IpcSenderEvent, trusted: TrustedContents | null, appOrigin: string): void {
  const frame = event.senderFrame;
  // senderFrame is null once the sending frame navigated away or was destroyed.
  if (frame === null) throw new UntrustedSenderError('the sending frame is gone');
  if (trusted === null || event.sender !== trusted) throw new UntrustedSenderError('not sent by the app window');
  // Compared by identity fields, not object identity: distinct WebFrameMain objects may stand for one frame.
  const main = trusted.mainFrame;
  if (frame.processId !== main.processId || frame.frameToken !== main.frameToken) throw new UntrustedSenderError('not sent by the main frame');
  if (!isSameOrigin(frame.url, appOrigin)) throw new UntrustedSenderError(`the sending page is not on ${appOrigin}`);
}
