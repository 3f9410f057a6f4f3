// Print and Save as PDF: the story's print view (headline, standfirst, byline, body, pictures with
// captions and credits, a footer with the version and status) is filled in just before printing,
// and the print stylesheet prints that view alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addPicture, headlineText, META_KEYS, metaMap, replaceText, standfirstText } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import PrintStory from '../../renderer/src/components/PrintStory.svelte';
import { pdfFileName, printFooter } from '../../renderer/src/lib/print-footer.ts';

function story() {
  const doc = new Y.Doc();
  replaceText(headlineText(doc), 'Bridge reopens');
  replaceText(standfirstText(doc), 'Six months late, and over budget');
  metaMap(doc).set(META_KEYS.byline, 'Ana Reporter');
  appendParagraphs(doc, ['The bridge reopened on Monday.']);
  addPicture(doc, { id: 'p1', hash: 'abc', caption: 'The new span', credit: 'Ann Snapper' });
  return doc;
}
const view = () => screen.getByTestId('print-story');

describe('PrintStory', () => {
  it('Print fills the print view from the live story, with a footer, then opens the print dialog', async () => {
    const doc = story();
    const print = vi.fn(() => {
      // What the printer gets, at the moment the dialog opens.
      expect(view().querySelector('h1')?.textContent).toBe('Bridge reopens');
    });
    render(PrintStory, { doc, storyId: 's1', status: 'approved-changed', approvedRevision: 3, pictureUrl: (hash: string) => `blob:app/${hash}`, print });
    // Outside <main>: at the end of <body>, where the print stylesheet keeps it alone.
    expect(view().parentElement).toBe((globalThis as unknown as { document: { body: unknown } }).document.body);
    await fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
    expect(view().querySelector('.standfirst')?.textContent).toBe('Six months late, and over budget');
    expect(view().querySelector('.byline')?.textContent).toBe('Ana Reporter');
    expect(view().querySelector('p:not([class])')?.textContent).toBe('The bridge reopened on Monday.');
    expect(view().querySelector('figure img')?.getAttribute('src')).toBe('blob:app/abc');
    expect(view().querySelector('figcaption')?.textContent).toContain('The new span');
    expect(view().querySelector('figcaption .credit')?.textContent).toContain('Ann Snapper');
    expect(view().querySelector('.print-footer')?.textContent).toMatch(/^Live draft \(approved: revision 3\) · Status: Approved · changed since · Printed /);
  });

  it('Save as PDF (desktop) refreshes the view, then hands the headline as the file name to the bridge', async () => {
    const doc = story();
    const bridge = { savePdf: vi.fn(async () => view().textContent?.includes('Bridge reopens') ?? false) };
    render(PrintStory, { doc, storyId: 's1', status: 'draft', approvedRevision: null, pictureUrl: () => null, bridge });
    await fireEvent.click(screen.getByRole('button', { name: 'Save as PDF' }));
    await waitFor(() => expect(bridge.savePdf).toHaveBeenCalledWith('Bridge reopens.pdf'));
    expect(await bridge.savePdf.mock.results[0].value).toBe(true);
    bridge.savePdf.mockRejectedValueOnce(new Error('disk full'));
    await fireEvent.click(screen.getByRole('button', { name: 'Save as PDF' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/disk full/);
  });

  it('in a browser there is no Save as PDF button (its print dialog saves PDFs)', () => {
    render(PrintStory, { doc: story(), storyId: 's1', status: 'draft', approvedRevision: null, pictureUrl: () => null });
    expect(screen.queryByRole('button', { name: 'Save as PDF' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
  });

  it('the browser’s own Print (Ctrl/Cmd+P) fills the view too', async () => {
    render(PrintStory, { doc: story(), storyId: 's1', status: 'submitted', approvedRevision: null, pictureUrl: () => null });
    (globalThis as unknown as { dispatchEvent(event: Event): void }).dispatchEvent(new Event('beforeprint'));
    await waitFor(() => expect(view().querySelector('.print-footer')?.textContent).toMatch(/^Live draft · Status: Submitted/));
  });
});

describe('print footer and PDF name', () => {
  it('words the version and status', () => {
    expect(printFooter({ state: 'draft', approvedRevision: null, printedAt: new Date(0) })).toMatch(/^Live draft · Status: Draft · Printed .+/);
  });

  it('names the PDF after the headline, file-safe, or the story id', () => {
    expect(pdfFileName('Bridge: "reopens"/today', 's1')).toBe('Bridge reopens today.pdf');
    expect(pdfFileName('  ', 's1')).toBe('s1.pdf');
  });
});

describe('print stylesheet', () => {
  const css = readFileSync(join(import.meta.dirname, '..', '..', 'renderer', 'src', 'styles', 'print.css'), 'utf8');
  const printRules = css.slice(css.indexOf('@media print'));

  it('never shows the print view on screen, and prints it alone', () => {
    expect(css.slice(0, css.indexOf('@media print'))).toMatch(/\.print-story\s*\{\s*display:\s*none;/);
    expect(printRules).toMatch(/body > :not\(\.print-story\)\s*\{\s*display:\s*none !important;/);
    expect(printRules).toMatch(/\.print-story\s*\{\s*display:\s*block;/);
  });

  it('keeps pictures whole and repeats the footer on every page', () => {
    expect(printRules).toMatch(/\.print-story figure\s*\{[^}]*break-inside:\s*avoid/);
    expect(printRules).toMatch(/\.print-story \.print-footer\s*\{[^}]*position:\s*fixed/);
  });
});
