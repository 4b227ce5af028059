/**
 * dicom-parser ships one UMD/CommonJS bundle. Node's ESM loader (tsx, vitest) exposes it only as
 * `default`, while bundlers (Vite, electron-vite) also expose the named exports; this picks whichever
 * is there so the same core code runs everywhere.
 */
import * as namespace from 'dicom-parser';
import type { ByteArrayParser, DataSet, Element } from 'dicom-parser';

type DicomParserModule = typeof namespace & {
  /** Declared as an interface in the package's typings, but it is a class at run time. */
  DataSet: new (parser: ByteArrayParser, byteArray: Uint8Array, elements: Record<string, Element>) => DataSet;
};

const candidate = namespace as unknown as { default?: DicomParserModule } & DicomParserModule;

export const dicomParser: DicomParserModule =
  typeof candidate.ByteStream === 'function' ? candidate : (candidate.default as DicomParserModule);

export type { ByteArrayParser, DataSet, Element };
