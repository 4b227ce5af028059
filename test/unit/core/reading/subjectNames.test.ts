import { describe, expect, it } from 'vitest';
import {
  isPlaceholderId,
  readablePersonName,
  subjectOptionText,
} from '../../../../src/core/reading/subjectNames';

const studies = [
  { patientName: 'DOE^JANE', studyDate: '2000-03-01' },
  { patientName: 'DOE^JANE', studyDate: '2000-01-01' },
];

describe('subjectOptionText', () => {
  it('is the ID alone for a real ID', () => {
    expect(subjectOptionText('LIDC-IDRI-0314', studies)).toBe('LIDC-IDRI-0314');
  });

  it.each(['^^^^', ' ^ ^ ', '==', ''])('adds name, first study and count to the placeholder ID %j', (id) => {
    expect(subjectOptionText(id, studies)).toMatch(/· DOE, JANE · first study 2000-01-01 · 2 studies$/);
  });

  it('names the stand-in for no ID and no name plainly, never an empty option', () => {
    expect(subjectOptionText('Unidentified patient', [{ patientName: '', studyDate: null }])).toBe(
      'No patient ID · no name · no study date · 1 study',
    );
    expect(subjectOptionText('', [])).toBe('No patient ID · no name · no study date · 0 studies');
  });

  it('tells apart two subjects of one label', () => {
    expect(subjectOptionText('P1', studies, true)).toBe(
      'P1 · DOE, JANE · first study 2000-01-01 · 2 studies',
    );
  });
});

describe('placeholder IDs and names', () => {
  it('recognises IDs that carry no identity', () => {
    expect(isPlaceholderId('^^^^')).toBe(true);
    expect(isPlaceholderId('Unidentified patient')).toBe(true);
    expect(isPlaceholderId('P^1')).toBe(false);
  });

  it('reads a DICOM person name family name first', () => {
    expect(readablePersonName('DOE^JANE^M^^')).toBe('DOE, JANE M');
    expect(readablePersonName('^^^^')).toBe('');
    expect(readablePersonName('Yamada^Tarou=山田^太郎')).toBe('Yamada, Tarou');
  });
});
