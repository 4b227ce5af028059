/** The DICOM indexing core: header reading and study organisation, pure TypeScript. */
export * from './model';
export { readInstanceHeader, parseHeaderBytes, FIRST_PROBE_BYTES } from './readHeader';
export type { ByteSource, HeaderReadResult, NeedMoreBytes, ParseOptions } from './readHeader';
export { organizeStudies, GAP_FACTOR } from './organize';
export { isDecodableTransferSyntax, transferSyntaxName } from './transferSyntax';
