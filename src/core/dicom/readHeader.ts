/**
 * Reads one file's DICOM header without its pixel data, and decides in plain words whether it can be
 * indexed. Never throws for bad input: every file becomes an instance, a DICOMDIR or a rejection.
 *
 * Byte layout handled here rather than in dicom-parser's parseDicom, because parseDicom refuses files
 * without a preamble unless told the transfer syntax, and throws when the meta group lacks one:
 * - Part 10 (128-byte preamble + "DICM" + meta group), meta group without preamble, or no meta at all
 *   (transfer syntax then sniffed from the first element: explicit/implicit, little/big endian);
 * - deflated data sets are inflated (DecompressionStream, or an injected synchronous inflater).
 */
import { dicomParser, type ByteArrayParser, type DataSet, type Element } from './dicomParser';
import { describeMissingPixelData, referencedFilesOf } from './dicomdir';
import { extractHeader, TAG, text } from './extract';
import type { InstanceHeader } from './model';
import {
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  isDecodableTransferSyntax,
  transferSyntaxName,
} from './transferSyntax';

export interface ByteSource {
  readonly sizeBytes: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

export type HeaderReadResult =
  | { kind: 'instance'; header: InstanceHeader }
  | { kind: 'dicomdir'; referencedFiles: string[] }
  | { kind: 'rejected'; reason: string };

export type NeedMoreBytes = { kind: 'need-more-bytes'; atLeast: number };

export interface ParseOptions {
  /** Synchronous raw-deflate inflater (e.g. Node's zlib.inflateRawSync) for Deflated Explicit VR LE. */
  readonly inflateRaw?: (deflated: Uint8Array) => Uint8Array;
}

/** Most headers (CT/MR, even with private tags) fit; enhanced multi-frame headers may need more. */
export const FIRST_PROBE_BYTES = 64 * 1024;

/**
 * The most a header read may load. Enhanced multi-frame headers reach a few MiB; beyond this the
 * object is something else (an encapsulated PDF or video, a huge private blob) and reading it whole
 * to find out would cost the memory of the file itself.
 */
export const MAX_HEADER_BYTES = 64 * 1024 * 1024;

/** The plain reason for a header read that would pass MAX_HEADER_BYTES. */
export function headerTooLargeReason(): string {
  return `no pixel data within the first ${MAX_HEADER_BYTES / (1024 * 1024)} MiB: too large a header to index`;
}

const PREAMBLE_BYTES = 128;
const DICM_END = 132;
const SOP_CLASS_MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10';

interface Layout {
  readonly datasetStart: number;
  readonly transferSyntaxUid: string;
  readonly meta: { sopClassUid: string; sopInstanceUid: string };
}

type LayoutResult = Layout | NeedMoreBytes | { kind: 'rejected'; reason: string };

class Truncated extends Error {}

function u16le(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u32le(bytes: Uint8Array, at: number): number {
  return (u16le(bytes, at) + u16le(bytes, at + 2) * 0x10000) >>> 0;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let result = '';
  for (let i = start; i < start + length && i < bytes.length; i += 1)
    result += String.fromCharCode(bytes[i] ?? 0);
  return result;
}

function tagLabel(tag: string): string {
  return `(${tag.slice(1, 5).toUpperCase()},${tag.slice(5, 9).toUpperCase()})`;
}

const VRS = new Set(
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(
    ' ',
  ),
);
const LONG_LENGTH_VRS = new Set('OB OD OF OL OV OW SQ SV UC UN UR UT UV'.split(' '));

function hasVr(bytes: Uint8Array, at: number): boolean {
  return VRS.has(ascii(bytes, at, 2));
}

/** The file meta group (always explicit VR little endian), read by hand so a missing (0002,0010) is survivable. */
function readMetaGroup(bytes: Uint8Array, start: number): { end: number; values: Map<number, string> } {
  const values = new Map<number, string>();
  let position = start;
  while (position + 8 <= bytes.length && u16le(bytes, position) === 0x0002) {
    const element = u16le(bytes, position + 2);
    const vr = ascii(bytes, position + 4, 2);
    let length: number;
    let valueStart: number;
    if (LONG_LENGTH_VRS.has(vr)) {
      if (position + 12 > bytes.length) throw new Truncated('file meta information');
      length = u32le(bytes, position + 8);
      valueStart = position + 12;
    } else {
      length = u16le(bytes, position + 6);
      valueStart = position + 8;
    }
    if (valueStart + length > bytes.length) throw new Truncated('file meta information');
    if (vr === 'UI' || vr === 'CS' || vr === 'SH' || vr === 'AE') {
      values.set(element, ascii(bytes, valueStart, length).replace(/[\0 ]+$/, ''));
    }
    position = valueStart + length;
  }
  if (position + 8 > bytes.length && position < bytes.length) throw new Truncated('file meta information');
  return { end: position, values };
}

/** Guesses the encoding of a data set that has no meta group to say it, from its first element. */
function sniffTransferSyntax(bytes: Uint8Array, at: number, hasMeta: boolean): string | null {
  if (at + 8 > bytes.length) return null;
  const groupLittle = u16le(bytes, at);
  const groupBig = ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
  // Without a meta group, a data set starts with a low even group (0008 in practice) and text or
  // binary junk does not; after a "DICM" marker any low group will do.
  const plausible = (group: number) =>
    hasMeta ? group >= 0x0001 && group <= 0x00ff : group >= 0x0002 && group <= 0x0028 && group % 2 === 0;
  const explicit = hasVr(bytes, at + 4);
  if (plausible(groupLittle)) return explicit ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN;
  if (plausible(groupBig) && explicit) return EXPLICIT_VR_BIG_ENDIAN;
  return null;
}

function readLayout(bytes: Uint8Array, fileSizeBytes: number): LayoutResult {
  const wholeFile = bytes.length >= fileSizeBytes;
  const needed = Math.min(fileSizeBytes, DICM_END + 8);
  if (bytes.length < needed) return { kind: 'need-more-bytes', atLeast: needed };
  let metaStart: number | null = null;
  if (ascii(bytes, PREAMBLE_BYTES, 4) === 'DICM') metaStart = DICM_END;
  else if (u16le(bytes, 0) === 0x0002 && hasVr(bytes, 4)) metaStart = 0;

  let datasetStart = 0;
  let meta = { sopClassUid: '', sopInstanceUid: '' };
  let transferSyntaxUid: string | null = null;
  if (metaStart !== null) {
    try {
      const group = readMetaGroup(bytes, metaStart);
      datasetStart = group.end;
      meta = { sopClassUid: group.values.get(0x0002) ?? '', sopInstanceUid: group.values.get(0x0003) ?? '' };
      transferSyntaxUid = group.values.get(0x0010) || null;
    } catch (error) {
      if (!(error instanceof Truncated)) throw error;
      if (!wholeFile) return { kind: 'need-more-bytes', atLeast: Math.min(fileSizeBytes, bytes.length * 4) };
      return { kind: 'rejected', reason: 'truncated: file ends inside the file meta information' };
    }
  }
  if (datasetStart >= bytes.length && wholeFile) {
    return { kind: 'rejected', reason: 'no data set: the file holds only its file meta information' };
  }
  transferSyntaxUid ??= sniffTransferSyntax(bytes, datasetStart, metaStart !== null);
  if (transferSyntaxUid === null) {
    return {
      kind: 'rejected',
      reason:
        metaStart === null
          ? 'not a DICOM file (no "DICM" marker at byte 128 and the first bytes are not a DICOM element)'
          : 'not readable: the file meta information has no transfer syntax and the data set encoding is unrecognisable',
    };
  }
  const declaredExplicit =
    transferSyntaxUid !== IMPLICIT_VR_LITTLE_ENDIAN &&
    transferSyntaxUid !== DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
  if (declaredExplicit && datasetStart + 8 <= bytes.length && !hasVr(bytes, datasetStart + 4)) {
    // dicom-parser (and so the viewer) trusts the declared encoding and would read garbage.
    const actual = sniffTransferSyntax(bytes, datasetStart, true);
    if (actual === IMPLICIT_VR_LITTLE_ENDIAN) {
      return {
        kind: 'rejected',
        reason: `inconsistent encoding: the file meta information declares ${transferSyntaxName(transferSyntaxUid)} (explicit VR) but the data set is implicit VR`,
      };
    }
  }
  return { datasetStart, transferSyntaxUid, meta };
}

function parserFor(transferSyntaxUid: string): { parser: ByteArrayParser; explicit: boolean } {
  if (transferSyntaxUid === IMPLICIT_VR_LITTLE_ENDIAN) {
    return { parser: dicomParser.littleEndianByteArrayParser, explicit: false };
  }
  if (transferSyntaxUid === EXPLICIT_VR_BIG_ENDIAN) {
    return { parser: dicomParser.bigEndianByteArrayParser, explicit: true };
  }
  return { parser: dicomParser.littleEndianByteArrayParser, explicit: true };
}

function lastElement(dataSet: DataSet): Element | undefined {
  let last: Element | undefined;
  for (const key in dataSet.elements) last = dataSet.elements[key];
  return last;
}

function describeParseFailure(dataSet: DataSet, byteLength: number, error: unknown): string {
  const last = lastElement(dataSet);
  const message = typeof error === 'string' ? error : error instanceof Error ? error.message : String(error);
  if (
    /overrun|overread|beyond|exceed|end of|maxP ?osition/i.test(message) ||
    (last && last.dataOffset + last.length > byteLength)
  ) {
    if (last && last.dataOffset + last.length > byteLength && last.length !== 0xffffffff) {
      return `truncated: file ends inside element ${tagLabel(last.tag)}`;
    }
    return last
      ? `truncated or corrupt: the data ends inside the element after ${tagLabel(last.tag)}`
      : 'truncated: file ends inside its first element';
  }
  return `corrupt data set${last ? ` after element ${tagLabel(last.tag)}` : ''}: ${message.replace(/^dicomParser[.\w]*:\s*/, '')}`;
}

type ParsedDataSet =
  | { kind: 'parsed'; dataSet: DataSet; byteLength: number }
  | NeedMoreBytes
  | { kind: 'rejected'; reason: string };

function parseDataSet(bytes: Uint8Array, fileSizeBytes: number, layout: Layout): ParsedDataSet {
  const wholeFile = bytes.length >= fileSizeBytes;
  const grow = (): NeedMoreBytes => ({
    kind: 'need-more-bytes',
    atLeast: Math.min(fileSizeBytes, bytes.length * 4),
  });
  const { parser, explicit } = parserFor(layout.transferSyntaxUid);
  const dataSet = new dicomParser.DataSet(parser, bytes, {});
  dataSet.warnings = [];
  if (layout.datasetStart >= bytes.length)
    return wholeFile ? { kind: 'rejected', reason: 'empty data set' } : grow();
  try {
    const stream = new dicomParser.ByteStream(parser, bytes, layout.datasetStart);
    const options = { untilTag: TAG.pixelData };
    if (explicit) dicomParser.parseDicomDataSetExplicit(dataSet, stream, bytes.length, options);
    else dicomParser.parseDicomDataSetImplicit(dataSet, stream, bytes.length, options);
  } catch (error) {
    if (!wholeFile) return grow();
    const reason = describeParseFailure(dataSet, bytes.length, error);
    const isDicomdir = layout.meta.sopClassUid === SOP_CLASS_MEDIA_STORAGE_DIRECTORY;
    return { kind: 'rejected', reason: isDicomdir ? `unreadable DICOMDIR (${reason})` : reason };
  }
  // A prefix that happens to end on an element boundary parses cleanly without reaching pixel data.
  if (!wholeFile && !dataSet.elements[TAG.pixelData]) return grow();
  return { kind: 'parsed', dataSet, byteLength: bytes.length };
}

function rejected(reason: string): HeaderReadResult {
  return { kind: 'rejected', reason };
}

const REQUIRED_UIDS: readonly [keyof InstanceHeader, string][] = [
  ['sopInstanceUid', 'SOP Instance UID (0008,0018)'],
  ['studyInstanceUid', 'Study Instance UID (0020,000D)'],
  ['seriesInstanceUid', 'Series Instance UID (0020,000E)'],
];

function judge(dataSet: DataSet, layout: Layout, fileSizeBytes: number, inflated: boolean): HeaderReadResult {
  const sopClassUid = text(dataSet, TAG.sopClassUid) || layout.meta.sopClassUid;
  if (sopClassUid === SOP_CLASS_MEDIA_STORAGE_DIRECTORY || dataSet.elements[TAG.directoryRecordSequence]) {
    return { kind: 'dicomdir', referencedFiles: referencedFilesOf(dataSet) };
  }
  const header = extractHeader(dataSet, layout.transferSyntaxUid);
  const withMeta: InstanceHeader = {
    ...header,
    sopInstanceUid: header.sopInstanceUid || layout.meta.sopInstanceUid,
    sopClassUid: header.sopClassUid || layout.meta.sopClassUid,
  };
  const missing = REQUIRED_UIDS.filter(([field]) => withMeta[field] === '').map(([, label]) => label);
  if (!withMeta.hasPixelData)
    return rejected(`no pixel data (${describeMissingPixelData(withMeta.sopClassUid, withMeta.modality)})`);
  if (missing.length > 0)
    return rejected(`missing required UID${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  if (!isDecodableTransferSyntax(layout.transferSyntaxUid)) {
    return rejected(
      `unsupported transfer syntax: ${transferSyntaxName(layout.transferSyntaxUid)} (${layout.transferSyntaxUid}) has no decoder in the viewer`,
    );
  }
  if (withMeta.rows === 0 || withMeta.columns === 0)
    return rejected('no image size: Rows (0028,0010) or Columns (0028,0011) is missing');
  const pixelData = dataSet.elements[TAG.pixelData];
  if (
    !inflated &&
    pixelData &&
    !pixelData.hadUndefinedLength &&
    pixelData.dataOffset + pixelData.length > fileSizeBytes
  ) {
    const missingBytes = pixelData.dataOffset + pixelData.length - fileSizeBytes;
    return rejected(
      `truncated: the pixel data (7FE0,0010) is ${pixelData.length} bytes but the file ends ${missingBytes} bytes short of it`,
    );
  }
  return { kind: 'instance', header: withMeta };
}

type InternalResult = HeaderReadResult | NeedMoreBytes | { kind: 'need-inflate'; layout: Layout };

function analyse(bytes: Uint8Array, fileSizeBytes: number, inflated: Uint8Array | null): InternalResult {
  const layout = readLayout(bytes, fileSizeBytes);
  if ('kind' in layout) return layout;
  if (layout.transferSyntaxUid === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) {
    if (bytes.length < fileSizeBytes) return { kind: 'need-more-bytes', atLeast: fileSizeBytes };
    if (!inflated) return { kind: 'need-inflate', layout };
    const combined = new Uint8Array(layout.datasetStart + inflated.length);
    combined.set(bytes.subarray(0, layout.datasetStart), 0);
    combined.set(inflated, layout.datasetStart);
    const parsed = parseDataSet(combined, combined.length, layout);
    if (parsed.kind !== 'parsed') return parsed;
    return judge(parsed.dataSet, layout, combined.length, true);
  }
  const parsed = parseDataSet(bytes, fileSizeBytes, layout);
  if (parsed.kind !== 'parsed') return parsed;
  return judge(parsed.dataSet, layout, fileSizeBytes, false);
}

function safely<T>(work: () => T, onError: (reason: string) => T): T {
  try {
    return work();
  } catch (error) {
    // dicom-parser throws strings as well as Errors; either way the file is unreadable, not the app.
    const message =
      typeof error === 'string' ? error : error instanceof Error ? error.message : String(error);
    return onError(`unreadable DICOM: ${message.replace(/^dicomParser[.\w]*:\s*/, '')}`);
  }
}

/**
 * Synchronous header read of the first `bytes.length` bytes of a file of `fileSizeBytes`. Asks for
 * more bytes when the header goes on past what it was given.
 */
export function parseHeaderBytes(
  bytes: Uint8Array,
  fileSizeBytes: number,
  options: ParseOptions = {},
): HeaderReadResult | NeedMoreBytes {
  return safely(
    () => {
      const first = analyse(bytes, fileSizeBytes, null);
      if (first.kind !== 'need-inflate') return first;
      if (!options.inflateRaw) return rejected('deflated data set: no inflater available here');
      const inflated = inflateOrReason(() => options.inflateRaw!(bytes.subarray(first.layout.datasetStart)));
      if (typeof inflated === 'string') return rejected(inflated);
      const second = analyse(bytes, fileSizeBytes, inflated);
      return second.kind === 'need-inflate' ? rejected('deflated data set could not be read') : second;
    },
    (reason) => rejected(reason),
  );
}

function inflateOrReason(inflate: () => Uint8Array): Uint8Array | string {
  try {
    return inflate();
  } catch (error) {
    return `corrupt deflated data set: ${error instanceof Error ? error.message : String(error)}`;
  }
}

interface StreamLike {
  readonly writable: { getWriter(): { write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } };
  readonly readable: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> } };
}

/** Raw deflate via the platform's DecompressionStream (browsers, workers, Node >= 20). */
async function inflateRawAsync(deflated: Uint8Array): Promise<Uint8Array> {
  const Decompression = (globalThis as { DecompressionStream?: new (format: string) => StreamLike })
    .DecompressionStream;
  if (!Decompression) throw new Error('no DecompressionStream in this environment');
  const stream = new Decompression('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const writing = writer.write(deflated).then(() => writer.close());
  // Keep the rejection observed even if reading fails first.
  writing.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value) {
      chunks.push(value);
      total += value.length;
    }
  }
  await writing;
  const result = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.length;
  }
  return result;
}

/**
 * Reads a file's header from any byte source: a first probe, more only when the header is longer,
 * never the pixel data (unless the file is deflated, which has to be inflated whole).
 */
export async function readInstanceHeader(
  source: ByteSource,
  probeBytes = FIRST_PROBE_BYTES,
): Promise<HeaderReadResult> {
  const size = source.sizeBytes;
  if (size === 0) return rejected('empty file');
  let bytes: Uint8Array;
  try {
    bytes = await source.read(0, Math.min(size, probeBytes));
    for (;;) {
      const result = safely<InternalResult>(() => analyse(bytes, size, null), rejected);
      if (result.kind === 'need-more-bytes') {
        const end = Math.min(size, Math.max(result.atLeast, bytes.length + 1));
        if (end > MAX_HEADER_BYTES) return rejected(headerTooLargeReason());
        if (end <= bytes.length) return rejected('unreadable DICOM: the header could not be read to its end');
        bytes = await source.read(0, end);
        continue;
      }
      if (result.kind !== 'need-inflate') return result;
      let inflated: Uint8Array;
      try {
        inflated = await inflateRawAsync(bytes.subarray(result.layout.datasetStart));
      } catch (error) {
        return rejected(
          `corrupt deflated data set: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const final = safely<InternalResult>(() => analyse(bytes, size, inflated), rejected);
      return final.kind === 'need-inflate' || final.kind === 'need-more-bytes'
        ? rejected('deflated data set could not be read')
        : final;
    }
  } catch (error) {
    return rejected(`could not read the file: ${error instanceof Error ? error.message : String(error)}`);
  }
}
