/**
 * Transfer syntaxes: how the data set is encoded, and which pixel encodings the viewer can decode.
 * DECODABLE mirrors the switch in @cornerstonejs/dicom-image-loader 5.14
 * (dist/esm/imageLoader/decodeImageFrame.js and decodeImageFrameWorker.js): a file in any other
 * syntax would index fine but show nothing, so the import rejects it with the syntax's name.
 */

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';

const NAMES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.98': 'Encapsulated Uncompressed Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
  '1.2.840.10008.1.2.8.1': 'Encapsulated Uncompressed (retired)',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline (Process 1)',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended (Process 2 & 4)',
  '1.2.840.10008.1.2.4.52': 'JPEG Extended (Process 3 & 5, retired)',
  '1.2.840.10008.1.2.4.53': 'JPEG Spectral Selection (Process 6 & 8, retired)',
  '1.2.840.10008.1.2.4.54': 'JPEG Spectral Selection (Process 7 & 9, retired)',
  '1.2.840.10008.1.2.4.55': 'JPEG Full Progression (Process 10 & 12, retired)',
  '1.2.840.10008.1.2.4.56': 'JPEG Full Progression (Process 11 & 13, retired)',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless (Process 14)',
  '1.2.840.10008.1.2.4.58': 'JPEG Lossless (Process 15, retired)',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless SV1 (Process 14, first-order prediction)',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-Lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.92': 'JPEG 2000 Part 2 Multi-component Lossless',
  '1.2.840.10008.1.2.4.93': 'JPEG 2000 Part 2 Multi-component',
  '1.2.840.10008.1.2.4.94': 'JPIP Referenced',
  '1.2.840.10008.1.2.4.95': 'JPIP Referenced Deflate',
  '1.2.840.10008.1.2.4.100': 'MPEG2 Main Profile (video)',
  '1.2.840.10008.1.2.4.101': 'MPEG2 High Profile (video)',
  '1.2.840.10008.1.2.4.102': 'MPEG-4 AVC/H.264 (video)',
  '1.2.840.10008.1.2.4.103': 'MPEG-4 AVC/H.264 BD-compatible (video)',
  '1.2.840.10008.1.2.4.104': 'MPEG-4 AVC/H.264 2D (video)',
  '1.2.840.10008.1.2.4.105': 'MPEG-4 AVC/H.264 3D (video)',
  '1.2.840.10008.1.2.4.106': 'MPEG-4 AVC/H.264 Stereo (video)',
  '1.2.840.10008.1.2.4.107': 'HEVC/H.265 Main Profile (video)',
  '1.2.840.10008.1.2.4.108': 'HEVC/H.265 Main 10 Profile (video)',
  '1.2.840.10008.1.2.4.110': 'JPEG XL Lossless',
  '1.2.840.10008.1.2.4.111': 'JPEG XL JPEG Recompression',
  '1.2.840.10008.1.2.4.112': 'JPEG XL',
  '1.2.840.10008.1.2.4.201': 'High-Throughput JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.202': 'High-Throughput JPEG 2000 with RPCL Lossless',
  '1.2.840.10008.1.2.4.203': 'High-Throughput JPEG 2000',
};

const DECODABLE: ReadonlySet<string> = new Set([
  '1.2.840.10008.1.2',
  '1.2.840.10008.1.2.1',
  '1.2.840.10008.1.2.1.98',
  '1.2.840.10008.1.2.1.99',
  '1.2.840.10008.1.2.2',
  '1.2.840.10008.1.2.5',
  '1.2.840.10008.1.2.8.1',
  '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.51',
  '1.2.840.10008.1.2.4.53',
  '1.2.840.10008.1.2.4.55',
  '1.2.840.10008.1.2.4.57',
  '1.2.840.10008.1.2.4.70',
  '1.2.840.10008.1.2.4.80',
  '1.2.840.10008.1.2.4.81',
  '1.2.840.10008.1.2.4.90',
  '1.2.840.10008.1.2.4.91',
  '1.2.840.10008.1.2.4.110',
  '1.2.840.10008.1.2.4.111',
  '1.2.840.10008.1.2.4.112',
  '1.2.840.10008.1.2.4.201',
  '1.2.840.10008.1.2.4.202',
  '1.2.840.10008.1.2.4.203',
]);

export function transferSyntaxName(uid: string): string {
  return NAMES[uid] ?? `unknown transfer syntax ${uid}`;
}

/** True when the viewer (Cornerstone's dicom-image-loader 5.14) has a decoder for this syntax. */
export function isDecodableTransferSyntax(uid: string): boolean {
  return DECODABLE.has(uid);
}
