// The formatting toolbar: WAI-ARIA's toolbar pattern (one Tab stop, arrow keys, Home, End,
// disabled buttons skipped), and the shortcuts in its tooltips.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Toolbar from '../../renderer/src/components/Toolbar.svelte';
import { control } from './dom.ts';

// The editor's toolbar state with nothing on (body-editor.ts's ToolbarState, which needs the DOM library to typecheck).
const idle = { strong: false, em: false, link: null, heading2: false, heading3: false, blockquote: false, bulletList: false, orderedList: false, canUndo: false, canRedo: false, suggesting: false, note: false };

type ToolbarState = typeof idle;

function setup(state: Partial<ToolbarState> = {}, disabled = false) {
  const onrun = vi.fn();
  const onlink = vi.fn();
  const result = render(Toolbar, { state: { ...idle, ...state }, disabled, onrun, onlink });
  const toolbar = screen.getByRole('toolbar', { name: 'Formatting' });
  const button = (name: string) => within(toolbar).getByRole('button', { name });
  const tabStops = () => within(toolbar).getAllByRole('button').filter((b) => b.getAttribute('tabindex') === '0').map((b) => b.getAttribute('aria-label'));
  const focused = () => (control(toolbar).ownerDocument.activeElement as { getAttribute(name: string): string | null } | null)?.getAttribute('aria-label');
  return { ...result, toolbar, button, tabStops, focused, onrun, onlink };
}

describe('Toolbar', () => {
  it('is a labelled toolbar with one Tab stop, on its first button', () => {
    const { tabStops, toolbar } = setup();
    expect(within(toolbar).getAllByRole('button')).toHaveLength(12);
    expect(tabStops()).toEqual(['Bold']);
  });

  it('moves the focus and the Tab stop with the arrow keys, Home and End, skipping disabled buttons and wrapping', async () => {
    const { button, tabStops, focused } = setup({ canUndo: true });
    control(button('Bold')).focus();
    await fireEvent.keyDown(button('Bold'), { key: 'ArrowRight' });
    expect(focused()).toBe('Italic');
    expect(tabStops()).toEqual(['Italic']);
    await fireEvent.keyDown(button('Italic'), { key: 'End' });
    // Redo is disabled: End stops at Undo.
    expect(focused()).toBe('Undo');
    await fireEvent.keyDown(button('Undo'), { key: 'ArrowRight' });
    expect(focused()).toBe('Bold');
    await fireEvent.keyDown(button('Bold'), { key: 'ArrowLeft' });
    expect(focused()).toBe('Undo');
    await fireEvent.keyDown(button('Undo'), { key: 'Home' });
    expect(focused()).toBe('Bold');
    expect(tabStops()).toEqual(['Bold']);
  });

  it('moves the Tab stop on when its button becomes disabled, and has none when all are', async () => {
    const { button, tabStops, rerender } = setup({ canUndo: true });
    control(button('Bold')).focus();
    await fireEvent.keyDown(button('Bold'), { key: 'End' });
    expect(tabStops()).toEqual(['Undo']);
    await rerender({ state: { ...idle, canUndo: false } });
    expect(tabStops()).toEqual(['Bold']);
    await rerender({ disabled: true });
    expect(tabStops()).toEqual([]);
  });

  it('runs its commands, and the link button asks for a link', async () => {
    const { button, onrun, onlink } = setup();
    await fireEvent.click(button('Heading'));
    expect(onrun).toHaveBeenCalledWith('heading2');
    await fireEvent.click(button('Link'));
    expect(onlink).toHaveBeenCalledOnce();
  });

  it('offers Note, pressed while the selection is in a note, with its shortcut', async () => {
    const { button, onrun, rerender } = setup();
    expect(button('Note').getAttribute('aria-pressed')).toBe('false');
    expect(button('Note').getAttribute('title')).toMatch(/never published \((Ctrl\+Alt\+N|⌥⌘N)\)$/);
    await fireEvent.click(button('Note'));
    expect(onrun).toHaveBeenCalledWith('note');
    await rerender({ state: { ...idle, note: true } });
    expect(button('Note').getAttribute('aria-pressed')).toBe('true');
  });

  it('says the heading shortcut as the keymap binds it', () => {
    const { button } = setup();
    expect(button('Heading').getAttribute('title')).toMatch(/^Heading \((Ctrl\+Alt\+2|⌥⌘2)\)$/);
    expect(button('Subheading').getAttribute('title')).toMatch(/\((Ctrl\+Alt\+3|⌥⌘3)\)$/);
  });

  it('has the Suggest changes toggle, pressed while suggesting, with its shortcut', async () => {
    const { button, onrun, rerender } = setup();
    expect(button('Suggest changes').getAttribute('aria-pressed')).toBe('false');
    expect(button('Suggest changes').getAttribute('title')).toMatch(/\((Ctrl\+Shift\+E|⇧⌘E)\)$/);
    await fireEvent.click(button('Suggest changes'));
    expect(onrun).toHaveBeenCalledWith('suggest');
    await rerender({ state: { ...idle, suggesting: true } });
    expect(button('Suggest changes').getAttribute('aria-pressed')).toBe('true');
  });
});
