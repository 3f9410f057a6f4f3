// Why ws gave up on a socket, as the close code and reason the connection is closed with. ws
// refuses a frame it cannot take (too large, not valid UTF-8, breaking the framing rules) and
// sends its own close frame first; the room closes the connection with the same code, so that
// the room, the log and the client agree on the cause.
import { CLOSE } from './transport.ts';

/** A close code and the reason sent with it. */
export interface SocketClose {
  code: number;
  reason: string;
}

/** The close code for each of ws's frame errors (the code ws sends); any other code breaks the framing (1002). */
const CODES: Record<string, number> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: CLOSE.tooBig,
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: CLOSE.tooBig,
  WS_ERR_INVALID_UTF8: CLOSE.invalidData,
  WS_ERR_TOO_MANY_BUFFERED_PARTS: CLOSE.policyViolation,
};

/** The close for a websocket error: a frame ws refused (by its `code`), else a failure on the server's side (1011). */
export function socketErrorClose(error: Error & { code?: string }): SocketClose {
  const wsCode = error.code?.startsWith('WS_ERR_') ? error.code : null;
  if (wsCode === null) return { code: CLOSE.internalError, reason: error.message };
  const code = CODES[wsCode] ?? CLOSE.protocolError;
  return { code, reason: code === CLOSE.tooBig ? 'message over the size limit' : error.message };
}
