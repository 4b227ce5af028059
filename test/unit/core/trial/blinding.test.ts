import { describe, expect, it } from 'vitest';
import type { InstanceHeader, StudySummary } from '../../../../src/core/dicom/model';
import { organizeStudies } from '../../../../src/core/dicom/organize';
import { accountRoles } from '../../../../src/core/reading/model';
import {
  blindInstanceHeader,
  blindSeries,
  blindStudy,
  findPhi,
  isBlindedRole,
  phiFields,
  phiValues,
} from '../../../../src/core/trial/blinding';
import { slice } from '../dicom/fixtures';

// The shared CT's real values (dcmdump of ct-chest-lidc-0314): Patient ID, sex, accession number, and
// study and series date 20000101. It has no name nor birth date: a derived copy sets these, as here.
const PHI = {
  patientId: 'LIDC-IDRI-0314',
  patientName: 'DOE^JANE',
  patientBirthDate: '1950-03-14',
  patientSex: 'F',
  studyDate: '2000-01-01',
  studyTime: '10:31:07',
  seriesDate: '2000-01-01',
  accessionNumber: '2819497684894126',
} satisfies Partial<InstanceHeader>;

const subject = { label: 'ONC-101-0007', enrollmentDate: '1999-12-01' };
// 2000-01-01 is 31 days after enrolment: study day 32, 4.4 weeks -> W4.
const VISIT = 'Day 32 (W4)';

const instances = [0, 1, 2].map((z) =>
  slice(z, { ...PHI, seriesDescription: 'Axial 1mm lung', modality: 'CT' }),
);
const header = instances[0]!.header;
const study: StudySummary = organizeStudies(instances)[0]!;

/** Every rendering of every PHI value of the header, as the scan will search for them. */
const allRenderings = [
  'LIDC-IDRI-0314',
  'DOE^JANE',
  'DOE, JANE',
  'JANE DOE',
  'DOE JANE',
  'DOE',
  '1950-03-14',
  '19500314',
  '03/14/1950',
  '14/03/1950',
  '14.03.1950',
  '2000-01-01',
  '20000101',
  '01/01/2000',
  '01.01.2000',
  '2819497684894126',
  'Female',
];

describe('isBlindedRole', () => {
  it('blinds BICR readers and the adjudicator, not the site radiologist nor the admin', () => {
    expect(Object.fromEntries(accountRoles.map((role) => [role, isBlindedRole(role)]))).toEqual({
      'site-radiologist': false,
      'bicr-reader': true,
      adjudicator: true,
      admin: false,
    });
  });
});

describe('phiValues', () => {
  it('lists every PHI value of a filled header with its renderings, and nothing else', () => {
    expect([...phiValues(header)].sort()).toEqual([...allRenderings].sort());
  });

  it('finds the same PHI in the study summary the index builds from these headers (name, ID, date, accession)', () => {
    const fromStudy = phiValues(study);
    for (const value of ['LIDC-IDRI-0314', 'DOE, JANE', '20000101', '01/01/2000', '2819497684894126']) {
      expect(fromStudy).toContain(value);
    }
    expect(fromStudy).not.toContain('19500314'); // a study summary keeps no birth date
  });

  it('renders a name with a middle name and a DA date from a raw header, and the fields the index does not keep', () => {
    const values = phiValues({
      patientName: 'DOE^JANE^MARIE^^=ドウ^ジェーン',
      patientBirthDate: '19500314',
      institutionName: 'St Elsewhere Hospital',
      referringPhysicianName: 'HOUSE^GREGORY',
      performingPhysicianName: 'QUINN^MICHAELA',
      patientAge: '049Y',
    });
    for (const value of [
      'DOE, JANE MARIE',
      'JANE MARIE DOE',
      'DOE, JANE',
      'JANE DOE',
      '1950-03-14',
      '03/14/1950',
      'St Elsewhere Hospital',
      'HOUSE, GREGORY',
      'GREGORY HOUSE',
      'MICHAELA QUINN',
      '049Y',
    ]) {
      expect(values).toContain(value);
    }
  });

  it('leaves out empty values and a sex code that would match any text', () => {
    const values = phiValues({ patientName: '', patientId: '  ', patientSex: 'O', studyDate: null });
    expect([...values]).toEqual([]);
    expect(phiValues({ patientSex: 'm' })).toEqual(new Set(['Male']));
  });
});

describe('findPhi', () => {
  const phi = phiValues(header);

  it('finds each rendering, whatever its case, inside ordinary text', () => {
    for (const value of allRenderings) {
      const text = `Reader list | ${value.toLowerCase()} | Day 32 (W4)`;
      expect(findPhi(text, phi), value).toContain(value);
    }
    expect(findPhi('Subject: Jane Doe, born 14.03.1950', phi)).toEqual(
      expect.arrayContaining(['JANE DOE', 'DOE', '14.03.1950']),
    );
  });

  it('finds a value only as a whole token, not inside a longer word or number', () => {
    expect(findPhi('DOES NOT APPLY; LIDC-IDRI-03145; 120000101; Females', phi)).toEqual([]);
    expect(findPhi('uid 1.3.6.20000101.7', phi)).toEqual(['20000101']);
  });

  it('finds nothing in a blinded screen text', () => {
    expect(findPhi(`${subject.label} ${VISIT} CT Axial 1mm lung 1 mm`, phi)).toEqual([]);
  });
});

describe('blindStudy', () => {
  it('leaves no PHI value anywhere in its output', () => {
    const blinded = blindStudy(study, subject);
    const json = JSON.stringify(blinded);
    expect(findPhi(json, phiValues(header))).toEqual([]);
    for (const value of Object.values(PHI)) expect(json).not.toContain(value);
  });

  it('shows the subject label for name and ID and the visit label for the date; keeps what is not PHI', () => {
    const blinded = blindStudy(study, subject);
    expect(blinded).toMatchObject({
      studyInstanceUid: study.studyInstanceUid,
      patientId: 'ONC-101-0007',
      patientName: 'ONC-101-0007',
      studyDate: null,
      accessionNumber: '',
      visitLabel: VISIT,
      modalities: ['CT'],
      studyDescription: 'CT chest',
    });
    expect(blinded.series).toEqual(study.series);
    expect(blinded.series[0]).toMatchObject({
      modality: 'CT',
      seriesDescription: 'Axial 1mm lung',
      sliceThicknessMm: 1,
    });
  });

  it('has no visit label for a study without a date', () => {
    expect(blindStudy({ ...study, studyDate: null }, subject).visitLabel).toBeNull();
  });

  it('never changes its input, nor shares arrays with it', () => {
    const before = structuredClone(study);
    const blinded = blindStudy(study, subject);
    expect(study).toEqual(before);
    expect(blinded.series).not.toBe(study.series);
    expect(blinded.series[0]!.frames).not.toBe(study.series[0]!.frames);
    expect(blinded.modalities).not.toBe(study.modalities);
  });

  it('refuses a subject it cannot show, in plain words', () => {
    expect(() => blindStudy(study, { label: ' ', enrollmentDate: '1999-12-01' })).toThrow(
      'Cannot blind for this subject: The subject label is empty',
    );
    expect(() => blindStudy(study, { label: 'S1', enrollmentDate: '1999-02-29' })).toThrow(
      'The enrolment date must be a date written YYYY-MM-DD',
    );
  });
});

describe('blindInstanceHeader', () => {
  it('leaves no PHI value in the header an overlay shows, and keeps the image description', () => {
    const blinded = blindInstanceHeader(header, subject);
    expect(findPhi(JSON.stringify(blinded), phiValues(header))).toEqual([]);
    expect(JSON.stringify(blinded)).not.toContain(PHI.studyTime);
    expect(blinded).toMatchObject({
      patientId: 'ONC-101-0007',
      patientName: 'ONC-101-0007',
      patientBirthDate: null,
      patientSex: null,
      studyDate: null,
      studyTime: null,
      seriesDate: null,
      accessionNumber: '',
      visitLabel: VISIT,
      modality: 'CT',
      seriesDescription: 'Axial 1mm lung',
      bodyPartExamined: 'CHEST',
      geometry: header.geometry,
      rescaleIntercept: -1024,
    });
  });

  it('names the visit from the series date when the study date is missing', () => {
    const blinded = blindInstanceHeader({ ...header, studyDate: null, seriesDate: '1999-12-08' }, subject);
    expect(blinded.visitLabel).toBe('Day 8 (W1)');
  });

  it('never changes its input', () => {
    const before = structuredClone(header);
    blindInstanceHeader(header, subject);
    expect(header).toEqual(before);
  });
});

describe('phiFields', () => {
  it('names exactly the PHI fields each shape of the index model keeps', () => {
    expect(phiFields).toEqual({
      study: ['patientId', 'patientName', 'studyDate', 'accessionNumber'],
      series: [],
      instance: [
        'patientId',
        'patientName',
        'patientBirthDate',
        'patientSex',
        'studyDate',
        'studyTime',
        'accessionNumber',
        'seriesDate',
      ],
    });
  });

  it('blindSeries returns an equal copy: a series summary holds no PHI', () => {
    const series = study.series[0]!;
    const blinded = blindSeries(series);
    expect(blinded).toEqual(series);
    expect(blinded).not.toBe(series);
  });
});
