// The WebSocket-like surface a room talks to. The ws adapter implements it for real sockets;
// tests implement it in memory to drive a room without a network.

/** One client's channel as a room sees it. */
export interface Transport {
  /** Sends one binary message; a closed channel drops it. */
  send(message: Uint8Array): void;
  /** Closes the channel with a websocket close code and a short reason. */
  close(code: number, reason: string): void;
}

/** Websocket close codes the server uses. */
export const CLOSE = {
  /** Server shutting down or restarting: reconnect. */
  serviceRestart: 1012,
  /** The client sent something malformed or inconsistent. */
  invalidData: 1007,
  /** The client sent something the story's rules refuse (schema, caps, authorship, quota). */
  policyViolation: 1008,
  /** A message larger than the limit. */
  tooBig: 1009,
  /** Did not answer pings. */
  goingAway: 1001,
} as const;
