// The WebSocket-like surface a room talks to. The ws adapter implements it for real sockets;
// tests implement it in memory to drive a room without a network.
import { SERVER_RESTARTING_CLOSE } from '../../model/close-codes.ts';

/** One client's channel as a room sees it. */
export interface Transport {
  /** Sends one binary message; a closed channel drops it. */
  send(message: Uint8Array): void;
  /** Closes the channel with a websocket close code and a short reason. */
  close(code: number, reason: string): void;
  /** Bytes sent but not yet handed to the network (a websocket's `bufferedAmount`); absent for a channel without a queue. */
  readonly bufferedAmount?: number;
}

/** Websocket close codes the server uses. */
export const CLOSE = {
  /** Server shutting down or restarting: reconnect. */
  serviceRestart: SERVER_RESTARTING_CLOSE,
  /** The client broke the websocket framing rules (ws refused a frame). */
  protocolError: 1002,
  /** The client sent something malformed or inconsistent. */
  invalidData: 1007,
  /** A message larger than the limit. */
  tooBig: 1009,
  /** Did not answer pings. */
  goingAway: 1001,
  /** The client broke a rule or a limit: an update the story's rules refuse (schema, caps, authorship, quota), too many presence ids, a presence state too large, requests over their rate. */
  policyViolation: 1008,
  /** The socket failed on the server's side. */
  internalError: 1011,
  /** The client fell too far behind reading what the server sent it; reconnecting starts afresh. */
  tryAgainLater: 1013,
} as const;

/** A client broke one of the server's limits; its connection is closed with `CLOSE.policyViolation` and this message as the reason. */
export class PolicyViolation extends Error {}
