/**
 * The blinding scan of issue 11: every text a screen shows or exposes, and every file the app lets a
 * user download, searched for the PHI of the imported headers (trialData.ts gives the values).
 */
import type { Download, Frame, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { findPhi } from '../../../src/core/trial/blinding';

/**
 * Runs inside the page: the document title, the body's rendered text, every text node (hidden ones
 * too: a collapsed panel or a closed menu is one click from the screen), the attributes a user or a
 * screen reader is given (title, aria-*, alt, placeholder, an option's label, a download's file name),
 * and what inputs, selects and textareas hold. data-* attributes are left out: they are the tests' own
 * handles, never shown. Open shadow roots are searched as well.
 */
function textOfDocument(): string {
  const parts: string[] = [document.title];
  const skipped = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
  const attributes = [
    'title',
    'aria-label',
    'aria-description',
    'aria-valuetext',
    'aria-placeholder',
    'aria-roledescription',
    'alt',
    'placeholder',
    'label',
    'download',
  ];
  if (document.body) parts.push(document.body.innerText);
  const visit = (root: Document | ShadowRoot) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement && skipped.has(node.parentElement.tagName.toUpperCase())) continue;
      const text = node.nodeValue?.trim();
      if (text) parts.push(text);
    }
    for (const element of root.querySelectorAll('*')) {
      for (const name of attributes) {
        const value = element.getAttribute(name);
        if (value?.trim()) parts.push(value);
      }
      if (element instanceof HTMLInputElement && element.type !== 'hidden' && element.type !== 'password')
        parts.push(element.value);
      if (element instanceof HTMLTextAreaElement) parts.push(element.value);
      if (element instanceof HTMLSelectElement) {
        parts.push(element.value);
        for (const option of element.options) parts.push(option.text);
      }
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(document);
  return parts.filter((part) => part.trim() !== '').join('\n');
}

/** Every text the page shows or exposes, in every frame (see textOfDocument), as one string. */
export async function collectScreenText(page: Page): Promise<string> {
  const texts = await Promise.all(
    page.frames().map((frame: Frame) => frame.evaluate(textOfDocument).catch(() => '')),
  );
  return texts.join('\n');
}

/**
 * The PHI values found in `text` (core findPhi: case-insensitive, whole tokens). An ISO timestamp
 * "2000-02-26T09:00" is split first: its date would otherwise touch the letter T and not count as a token.
 */
export function findPhiIn(text: string, phi: Iterable<string>): string[] {
  return findPhi(text.replace(/(\d{4}-\d{2}-\d{2})T(?=\d)/g, '$1 T'), phi);
}

/** "PHI on the Worklist screen: "DOE, JANE" (PANC-001 patient name), ..." for an assertion message. */
export function describePhi(
  where: string,
  found: readonly string[],
  origin: Readonly<Record<string, string>> = {},
): string {
  if (found.length === 0) return `No PHI on ${where}`;
  return `PHI on ${where}: ${found.map((v) => `"${v}"${origin[v] ? ` (${origin[v]})` : ''}`).join(', ')}`;
}

// ---------------------------------------------------------------------------------------------------
// Downloaded files

export interface DownloadedFile {
  /** The file name the app suggested (a file name can carry PHI too). */
  readonly name: string;
  readonly path: string;
  /** Its searchable text: see fileText. */
  readonly text: string;
}

/** Waits for a download to finish and reads its text. */
export async function readDownload(download: Download): Promise<DownloadedFile> {
  const path = await download.path();
  const name = download.suggestedFilename();
  return { name, path, text: fileText(name, new Uint8Array(await readFile(path))) };
}

/**
 * Keeps every file the page downloads from now on: `files()` waits for all of them and reads them.
 * A test opens it at the start of a session and scans `files()` at the end.
 */
export function collectDownloads(page: Page): { files(): Promise<DownloadedFile[]>; stop(): void } {
  const reads: Promise<DownloadedFile>[] = [];
  const onDownload = (download: Download) => reads.push(readDownload(download));
  page.on('download', onDownload);
  return {
    files: () => Promise.all(reads),
    stop: () => page.off('download', onDownload),
  };
}

/**
 * A file's searchable text: its name, then its content as UTF-8. JSON adds every string it holds
 * (a "\u00e9" escape or an escaped quote hides a value from the raw text); a ZIP adds the text of each
 * entry; a binary file (replacement characters in UTF-8) adds its Latin-1 reading, so the ASCII strings
 * of a DICOM or PNG file are still found.
 */
export function fileText(name: string, bytes: Uint8Array): string {
  if (isZip(bytes)) return [name, ...zipEntries(bytes).map((e) => fileText(e.name, e.bytes))].join('\n');
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  const parts = [name, utf8];
  if (utf8.includes('\uFFFD')) parts.push(new TextDecoder('latin1').decode(bytes));
  if (/\.json$/i.test(name) || /^\s*[[{]/.test(utf8)) {
    try {
      parts.push(...jsonStrings(JSON.parse(utf8)));
    } catch {
      // Not JSON after all: its raw text is already there.
    }
  }
  return parts.join('\n');
}

function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => [key, ...jsonStrings(inner)]);
  return [];
}

const isZip = (bytes: Uint8Array) =>
  bytes.length >= 22 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The entries of a ZIP file (stored or deflated), read through its central directory. */
export function zipEntries(bytes: Uint8Array): { name: string; bytes: Uint8Array }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('Not a readable ZIP file: no end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: { name: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50)
      throw new Error('Not a readable ZIP file: bad central directory');
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(data, data + size);
    if (method !== 0 && method !== 8) throw new Error(`ZIP entry ${name} uses compression method ${method}`);
    if (!name.endsWith('/'))
      entries.push({ name, bytes: method === 8 ? new Uint8Array(inflateRawSync(raw)) : raw });
    at += 46 + skip;
  }
  return entries;
}
