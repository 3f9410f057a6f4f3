// The few DOM shapes the component tests read. `tsc -p tsconfig.json` checks tests/ together with
// the server and Electron code, without the DOM library (adding it would retype fetch's Response
// and BodyInit there), so the tests name these structural types instead of HTMLInputElement & co.
import type { screen } from '@testing-library/svelte';

/** What testing-library's queries return (an HTMLElement in the browser). */
export type Element = ReturnType<typeof screen.getByRole>;

/** A form control as the tests read and drive it: input, textarea, select or button. */
export interface Control {
  tagName: string;
  value: string;
  type: string;
  placeholder: string;
  autocomplete: string;
  readOnly: boolean;
  required: boolean;
  disabled: boolean;
  selectionStart: number | null;
  selectionEnd: number | null;
  setSelectionRange(start: number, end: number): void;
  focus(): void;
  blur(): void;
  ownerDocument: { activeElement: unknown };
}

/** An element found by role or label, as a form control. */
export const control = (element: unknown) => element as Control;

/** The inline style of an element, e.g. an avatar's colour. */
export const styleOf = (element: unknown) => (element as { style: { backgroundColor: string } }).style;

/** Modifier keys for a keyboard event. */
export interface KeyInit {
  key: string;
  ctrlKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}
