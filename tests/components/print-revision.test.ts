// Printing a past revision (issue 18, requirement 3): History › Open revision N › Print… fills a
// print view from that revision's content — headline, standfirst, byline, the published body,
// pictures with captions and credits — with a footer naming the revision and its status, prints it
// in place of the live story's, and lets it go after the dialog; Save as PDF does the same (desktop).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { RevisionInfo } from '../../model/api-types.ts';
import type { ReadableArticle } from '../../model/readable-article.ts';
import PrintRevision from '../../renderer/src/components/PrintRevision.svelte';
import { revisionPrintFooter } from '../../renderer/src/lib/print-footer.ts';

const revision = (fields: Partial<RevisionInfo> = {}): RevisionInfo => ({
  number: 2,
  createdAt: 1,
  createdBy: 'u-ana',
  createdByName: 'Ana Reyes',
  note: '',
  wordCount: 12,
  status: 'approved',
  statusNote: '',
  decisions: [],
  supersededBy: null,
  approvedAs: [{ version: 3, revision: 2, amendment: { kind: 'correction', number: 1, note: 'Date fixed' }, at: 2, userId: 'u-ed', userName: 'Ed Marsh' }],
  ...fields,
});

const content: ReadableArticle = {
  headline: 'Bridge reopens',
  standfirst: 'After two years',
  byline: 'By Ana Reyes',
  slug: '',
  tags: [],
  body: [
    { type: 'paragraph', attrs: {}, runs: [{ text: 'Crowds ', strong: false, em: false }, { text: 'cheered', strong: true, em: false }], children: [] },
    // An open suggestion prints as every export does: the insertion left out, the deletion kept.
    {
      type: 'paragraph',
      attrs: {},
      runs: [
        { text: 'It cost ', strong: false, em: false },
        { text: 'twelve', strong: false, em: false, deletion: { id: 's1', author: 'u-ed', authorName: 'Ed Marsh', at: 3 } },
        { text: 'ten', strong: false, em: false, insertion: { id: 's2', author: 'u-ed', authorName: 'Ed Marsh', at: 3 } },
        { text: ' million.', strong: false, em: false },
      ],
      children: [],
    },
  ],
  pictures: [
    { id: 'p1', hash: 'a'.repeat(64), caption: 'The new span', credit: 'Ann Snapper', copyright: '(c) Ann', alt: 'The bridge' },
    { id: 'p2', hash: 'b'.repeat(64), caption: 'Crowd', credit: 'Reuters', copyright: '', alt: '' },
  ],
};

const view = () => screen.queryByTestId('print-revision');
const body = () => (globalThis as unknown as { document: { body: unknown } }).document.body;
const fire = (type: string) => (globalThis as unknown as { dispatchEvent(e: unknown): void; Event: new (t: string) => unknown }).dispatchEvent(new (globalThis as unknown as { Event: new (t: string) => unknown }).Event(type));

// jsdom loads no images, so has no img.decode(), which the view awaits before printing.
beforeAll(() => {
  const proto = (globalThis as unknown as { HTMLImageElement: { prototype: { decode?: () => Promise<void> } } }).HTMLImageElement.prototype;
  proto.decode ??= async () => undefined;
});

describe('PrintRevision', () => {
  it('Print… fills the view from the revision, pictures and all, prints it, and lets it go after the dialog', async () => {
    // The second picture cannot be fetched: it prints with its caption and credit, without an image.
    const loadPicture = vi.fn(async (hash: string) => (hash.startsWith('a') ? new Blob(['x'], { type: 'image/webp' }) : Promise.reject(new Error('gone'))));
    const print = vi.fn(() => {
      // What the printer gets, at the moment the dialog opens.
      const printed = view()!;
      expect(printed.parentElement).toBe(body());
      expect(printed.querySelector('h1')?.textContent).toBe('Bridge reopens');
    });
    render(PrintRevision, { content, revision: revision(), storyId: 's1', loadPicture, print });
    expect(view()).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Print…' }));
    await waitFor(() => expect(print).toHaveBeenCalledOnce());
    const printed = view()!;
    expect(printed.querySelector('.standfirst')?.textContent).toBe('After two years');
    expect(printed.querySelector('.byline')?.textContent).toBe('By Ana Reyes');
    expect([...printed.querySelectorAll('p:not([class])')].map((p) => p.textContent)).toEqual(['Crowds cheered', 'It cost twelve million.']);
    const figures = [...printed.querySelectorAll('figure')];
    expect(figures[0].querySelector('img')?.getAttribute('src')).toMatch(/^blob:/);
    expect(figures[0].querySelector('figcaption')?.textContent).toBe('The new span Picture Credit: Ann Snapper (c) Ann');
    expect(figures[1].querySelector('img')).toBeNull();
    expect(figures[1].querySelector('.credit')?.textContent).toBe('Picture Credit: Reuters');
    expect(printed.querySelector('.print-footer')?.textContent).toMatch(/^Revision 2 · Status: Approved as version 3 \(Correction 1\) · Printed /);
    fire('afterprint');
    await waitFor(() => expect(view()).toBeNull());
  });

  it('Save as PDF (desktop) prints the view to a PDF named after the headline and the revision', async () => {
    const bridge = { savePdf: vi.fn(async () => view()?.textContent?.includes('Bridge reopens') ?? false) };
    render(PrintRevision, { content, revision: revision(), storyId: 's1', loadPicture: vi.fn(async () => new Blob([])), bridge });
    await fireEvent.click(screen.getByRole('button', { name: 'Save as PDF…' }));
    await waitFor(() => expect(bridge.savePdf).toHaveBeenCalledWith('Bridge reopens (revision 2).pdf'));
    expect(await bridge.savePdf.mock.results[0].value).toBe(true);
    await waitFor(() => expect(view()).toBeNull());
    bridge.savePdf.mockRejectedValueOnce(new Error('disk full'));
    await fireEvent.click(screen.getByRole('button', { name: 'Save as PDF…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not save the PDF: disk full.');
  });

  it('in a browser there is no Save as PDF button (its print dialog saves PDFs)', () => {
    render(PrintRevision, { content, revision: revision(), storyId: 's1', loadPicture: vi.fn() });
    expect(screen.queryByRole('button', { name: 'Save as PDF…' })).toBeNull();
  });

  it('the footer says each status as History does, with the approval it had', () => {
    const at = new Date(2026, 11, 7, 15, 30);
    expect(revisionPrintFooter(revision({ status: 'submitted', approvedAs: [] }), at)).toMatch(/^Revision 2 · Status: Submitted · Printed /);
    expect(revisionPrintFooter(revision({ status: 'sent-back', approvedAs: [] }), at)).toMatch(/· Status: Sent back ·/);
    const once = revision().approvedAs;
    expect(revisionPrintFooter(revision({ status: 'superseded', supersededBy: 4, approvedAs: [{ ...once[0], amendment: null, version: 1 }] }), at)).toMatch(
      /· Status: Superseded by revision 4 \(approved as version 1\) ·/,
    );
  });

  it('the print stylesheet prints the revision in place of the live story', () => {
    const css = readFileSync(join(import.meta.dirname, '../../renderer/src/styles/print.css'), 'utf8');
    expect(css).toMatch(/body:has\(> \.print-revision\) > \.print-story:not\(\.print-revision\)\s*\{\s*display: none !important;/);
  });
});
