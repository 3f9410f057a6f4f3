// A reply whose JSON was serialized elsewhere (in a compute worker): sent as it is.
import type { Reply } from '../http/router.ts';

/** A 200 reply with `text`, already JSON, as the body. */
export const jsonText = (text: string): Reply => ({ body: text, headers: { 'content-type': 'application/json; charset=utf-8' } });
