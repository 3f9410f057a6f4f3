// Smart quotes in a plain text field (the headline, the standfirst): the straight quote typed
// becomes the curly one curlyQuote picks, and Backspace or Ctrl/⌘+Z right after gives it back.
import { curlyQuote } from './smart-quotes.ts';

/** Smart quotes in a plain <input> or <textarea>; returns a function that unbinds. */
export function bindSmartQuotes(field: HTMLInputElement | HTMLTextAreaElement): () => void {
  // The quote just curled, while nothing else has happened since: where it ends and what was typed.
  let last: { end: number; straight: string; curly: string } | null = null;

  const replace = (text: string, start: number, end: number) => {
    field.setRangeText(text, start, end, 'end');
    // What the browser would have sent: the text binding writes the field into the document.
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  };

  const onBeforeInput = (event: InputEvent) => {
    last = null;
    const start = field.selectionStart;
    const end = field.selectionEnd;
    if (event.inputType !== 'insertText' || event.isComposing || start === null || end === null || field.readOnly) return;
    const curly = curlyQuote(field.value.slice(0, start), event.data ?? '');
    if (!curly) return;
    event.preventDefault();
    replace(curly, start, end);
    last = { end: start + curly.length, straight: event.data!, curly };
  };

  // Capture phase: runs before the text binding's own Ctrl/⌘+Z, which it then stops.
  const onKeyDown = (event: KeyboardEvent) => {
    const undo = event.key === 'Backspace' || ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z');
    const quote = last;
    if (['Shift', 'Control', 'Meta', 'Alt'].includes(event.key)) return;
    last = null;
    if (!undo || !quote || field.selectionStart !== quote.end || field.selectionEnd !== quote.end) return;
    if (field.value.slice(quote.end - quote.curly.length, quote.end) !== quote.curly) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    replace(quote.straight, quote.end - quote.curly.length, quote.end);
  };
  const forget = () => (last = null);

  const element: HTMLElement = field;
  element.addEventListener('beforeinput', onBeforeInput, { capture: true });
  element.addEventListener('keydown', onKeyDown, { capture: true });
  element.addEventListener('mousedown', forget);
  element.addEventListener('blur', forget);
  return () => {
    element.removeEventListener('beforeinput', onBeforeInput, { capture: true });
    element.removeEventListener('keydown', onKeyDown, { capture: true });
    element.removeEventListener('mousedown', forget);
    element.removeEventListener('blur', forget);
  };
}
