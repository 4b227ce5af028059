/** DICOMDIR records, and plain names for objects that carry no image. */
import type { DataSet } from './dicomParser';
import { TAG, text } from './extract';

/**
 * Every file a DICOMDIR's directory records reference (Referenced File ID, components joined by '/'),
 * relative to the DICOMDIR's folder, in record order, without duplicates. Records are read from the
 * sequence directly rather than by following offsets, so DICOMDIRs with broken or missing offsets
 * still yield their files.
 */
export function referencedFilesOf(dataSet: DataSet): string[] {
  const records = dataSet.elements[TAG.directoryRecordSequence]?.items ?? [];
  const seen = new Set<string>();
  for (const record of records) {
    if (!record.dataSet) continue;
    const components = text(record.dataSet, TAG.referencedFileId)
      .split('\\')
      .map((component) => component.trim())
      .filter((component) => component !== '' && component !== '.' && component !== '..');
    if (components.length > 0) seen.add(components.join('/'));
  }
  return [...seen];
}

const NON_IMAGE_CLASSES: readonly [prefix: string, name: string][] = [
  ['1.2.840.10008.5.1.4.1.1.88.', 'Structured Report'],
  ['1.2.840.10008.5.1.4.1.1.481.1', 'RT Image'],
  ['1.2.840.10008.5.1.4.1.1.481.2', 'RT Dose without a dose grid'],
  ['1.2.840.10008.5.1.4.1.1.481.3', 'RT Structure Set'],
  ['1.2.840.10008.5.1.4.1.1.481.4', 'RT Treatment Record'],
  ['1.2.840.10008.5.1.4.1.1.481.5', 'RT Plan'],
  ['1.2.840.10008.5.1.4.1.1.481.', 'RT object'],
  ['1.2.840.10008.5.1.4.1.1.9.', 'Waveform'],
  ['1.2.840.10008.5.1.4.1.1.11.', 'Presentation State'],
  ['1.2.840.10008.5.1.4.1.1.66', 'Registration or Segmentation object'],
  ['1.2.840.10008.5.1.4.1.1.104.', 'Encapsulated document'],
  ['1.2.840.10008.5.1.4.1.1.4.2', 'MR Spectroscopy'],
  ['1.2.840.10008.5.1.4.1.1.7', 'Secondary Capture without pixels'],
];

const IMAGE_CLASSES: Readonly<Record<string, string>> = {
  '1.2.840.10008.5.1.4.1.1.1': 'CR Image',
  '1.2.840.10008.5.1.4.1.1.2': 'CT Image',
  '1.2.840.10008.5.1.4.1.1.2.1': 'Enhanced CT Image',
  '1.2.840.10008.5.1.4.1.1.4': 'MR Image',
  '1.2.840.10008.5.1.4.1.1.4.1': 'Enhanced MR Image',
  '1.2.840.10008.5.1.4.1.1.6.1': 'Ultrasound Image',
  '1.2.840.10008.5.1.4.1.1.20': 'NM Image',
  '1.2.840.10008.5.1.4.1.1.128': 'PET Image',
};

const NON_IMAGE_MODALITIES: Readonly<Record<string, string>> = {
  SR: 'Structured Report',
  RTPLAN: 'RT Plan',
  RTSTRUCT: 'RT Structure Set',
  RTRECORD: 'RT Treatment Record',
  PR: 'Presentation State',
  KO: 'Key Object Selection',
  ECG: 'Waveform',
  DOC: 'Encapsulated document',
  REG: 'Registration',
};

/** "Structured Report", "RT Plan", ...: what an object without pixel data is, for the import report. */
export function describeMissingPixelData(sopClassUid: string, modality: string): string {
  const imageClass = IMAGE_CLASSES[sopClassUid];
  if (imageClass) return `${imageClass} header without a Pixel Data element`;
  const byClass = NON_IMAGE_CLASSES.find(([prefix]) => sopClassUid.startsWith(prefix));
  if (byClass) return byClass[1];
  const byModality = NON_IMAGE_MODALITIES[modality.toUpperCase()];
  if (byModality) return byModality;
  if (modality) return `${modality} object`;
  return sopClassUid ? `SOP class ${sopClassUid}` : 'not an image';
}
