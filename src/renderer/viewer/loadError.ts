/**
 * Turns whatever an image load rejected with (Error, string, `{ error, dataSet }` from the DICOM
 * loader, a worker's message) into one sentence for the reader. Pure, so it is unit-tested in Node.
 */

const TRANSFER_SYNTAX_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline (8-bit)',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended (12-bit)',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless SV1',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.100': 'MPEG-2 video',
  '1.2.840.10008.1.2.4.102': 'MPEG-4 video',
  '1.2.840.10008.1.2.4.201': 'HTJ2K Lossless',
  '1.2.840.10008.1.2.4.202': 'HTJ2K Lossless RPCL',
  '1.2.840.10008.1.2.4.203': 'HTJ2K',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
};

export function transferSyntaxName(uid: string): string {
  const name = TRANSFER_SYNTAX_NAMES[uid];
  return name ? `${name} (${uid})` : `transfer syntax ${uid}`;
}

/** The innermost human-readable reason in a loader rejection. */
export function loadErrorReason(error: unknown, depth = 0): string {
  if (depth > 4) return 'unknown error';
  if (typeof error === 'string') return error.trim() || 'unknown error';
  if (error instanceof Error) return error.message.trim() || error.name;
  if (error && typeof error === 'object') {
    const record = error as Record<string, unknown>;
    if ('error' in record && record['error'] !== undefined)
      return loadErrorReason(record['error'], depth + 1);
    // dicom-parser throws { exception, dataSet } for a file it can only partly read.
    if ('exception' in record && record['exception'] !== undefined) {
      return loadErrorReason(record['exception'], depth + 1);
    }
    if (typeof record['message'] === 'string') return loadErrorReason(record['message'], depth + 1);
    if (record instanceof Event) return `${record.type} event while reading the file`;
  }
  return 'unknown error';
}

/** What a reader should understand from the loader's technical reasons. */
const PLAIN_CAUSES: readonly (readonly [RegExp, string])[] = [
  [/buffer overrun|read past end|beyond the end|unexpected end/i, 'The file is truncated or damaged.'],
  [/pixel data is missing|no pixel data/i, 'The file has no pixel data (it is not an image).'],
  [
    /no decoder|unsupported pixel format|not supported|unsupported transfer syntax/i,
    'Its encoding cannot be decoded here.',
  ],
];

/**
 * "Cannot display this image. The file is truncated or damaged. (YBR_FULL_422, JPEG 2000 (1.2...):
 * <reason>)". The photometric interpretation is named when it is not plain greyscale, since colour
 * layouts are a common cause.
 */
export function describeLoadError(
  error: unknown,
  transferSyntaxUid: string | null,
  photometricInterpretation: string | null = null,
): string {
  const reason = loadErrorReason(error);
  const facts = [
    photometricInterpretation && !/^MONOCHROME[12]$/.test(photometricInterpretation)
      ? photometricInterpretation
      : null,
    transferSyntaxUid ? transferSyntaxName(transferSyntaxUid) : null,
  ].filter(Boolean);
  const details = `${facts.length > 0 ? `${facts.join(', ')}: ` : ''}${reason}`;
  const cause = PLAIN_CAUSES.find(([pattern]) => pattern.test(reason))?.[1];
  return cause ? `Cannot display this image. ${cause} (${details})` : `Cannot display this image. ${details}`;
}
