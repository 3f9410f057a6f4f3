// Where the window loads the renderer from: its own files through app://, or, in development,
// an http(s) server named by NEWSROOM_RENDERER_URL (a vite dev server, or the Newsroom server).
import { APP_ORIGIN } from './app-protocol.ts';
import { isHttpUrl, originOf } from './url-checks.ts';

/** The environment variable that points an unpackaged app at a development renderer. */
export const RENDERER_URL_ENV = 'NEWSROOM_RENDERER_URL';

/** The renderer's built entry page. */
export const DEFAULT_RENDERER_URL = `${APP_ORIGIN}/index.html`;

/** The URL the window loads, and the origin trusted for navigation, IPC and the CSP. */
export interface RendererTarget {
  url: string;
  origin: string;
}

/**
 * The renderer to load. A packaged app ignores the variable: it only ever gives the bridge to
 * its own files. A set but unusable variable is an error rather than a silent fallback.
 */
export function rendererTarget(env: Record<string, string | undefined>, isPackaged: boolean): RendererTarget {
  const override = isPackaged ? undefined : env[RENDERER_URL_ENV];
  if (override === undefined || override === '') return { url: DEFAULT_RENDERER_URL, origin: APP_ORIGIN };
  const origin = originOf(override);
  if (!isHttpUrl(override) || origin === null) {
    throw new Error(`${RENDERER_URL_ENV} must be an http(s) URL such as http://localhost:5173/, not ${JSON.stringify(override)}`);
  }
  return { url: override, origin };
}
