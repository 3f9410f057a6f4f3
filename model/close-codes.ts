// Websocket close codes that the server and its clients both need to know.

/**
 * The session behind the socket ended (signed out, expired, ended by an admin, a new password):
 * sign in again. In y-websocket's 4400-4499 range, so a stock provider does not reconnect.
 */
export const SESSION_ENDED_CLOSE = 4401;

/**
 * The account's role changed while the socket was open (by an admin or the command line): the
 * socket was admitted with the old rights, so reconnect at once to be admitted with the new ones.
 * Outside 4400-4499, so a stock provider reconnects too.
 */
export const ROLE_CHANGED_CLOSE = 4100;

/** The server is shutting down or restarting (the standard "service restart"): it is coming back, retry soon. */
export const SERVER_RESTARTING_CLOSE = 1012;

/**
 * The story is not one this user may see (it was restricted to a desk they are not on, or it does
 * not exist): do not reconnect, and drop this device's copy. In the 4400-4499 range, like 4401.
 */
export const ARTICLE_GONE_CLOSE = 4404;
