/** The end-to-end trial's plan (dates fit the schedule, the CSV imports) and the PHI scan's pure helpers. */
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findPhi } from '../../../src/core/trial/blinding';
import { matchStudyToVisit } from '../../../src/core/trial/schedule';
import { parseSubjectsCsv } from '../../../src/core/trial/subjectsCsv';
import { fileText, findPhiIn, zipEntries } from '../../e2e/support/phiScan';
import {
  dicomAge,
  planTrialSubjects,
  spelledDateRenderings,
  subjectsCsvText,
  TRIAL_SCHEDULE,
  trialPhi,
} from '../../e2e/support/trialPlan';

const subjects = planTrialSubjects();
const phi = trialPhi(subjects);

describe('the trial plan', () => {
  it('has three subjects with their own patient names, IDs and dates', () => {
    expect(subjects.map((s) => s.subjectId)).toEqual(['PANC-001', 'PANC-002', 'PANC-003']);
    expect(new Set(subjects.map((s) => s.patientName)).size).toBe(3);
    expect(new Set(subjects.map((s) => s.patientId)).size).toBe(3);
    const dates = subjects.flatMap((s) => s.visits.map((v) => v.studyDate));
    expect(new Set(dates).size).toBe(9);
    expect(new Set(subjects.flatMap((s) => s.visits.map((v) => v.accessionNumber))).size).toBe(9);
    for (const s of subjects)
      for (const v of s.visits) expect(v.dicomDate).toBe(v.studyDate.replaceAll('-', ''));
  });

  it('puts every baseline in the baseline window and every follow-up in its W8 or W16 window', () => {
    const protocol = {
      baselineWindowDays: TRIAL_SCHEDULE.baselineWindowDays,
      schedule: { everyWeeks: TRIAL_SCHEDULE.everyWeeks, windowDays: TRIAL_SCHEDULE.windowDays },
    };
    for (const s of subjects) {
      const matches = s.visits.map((v) => matchStudyToVisit(protocol, s, v.studyDate));
      expect(matches[0]).toEqual({ kind: 'baseline' });
      expect(matches.slice(1).map((m) => (m.kind === 'scheduled' ? m.label : m.kind))).toEqual(['W8', 'W16']);
      expect(s.visits.map((v) => v.visit)).toEqual(['baseline', 'W8', 'W16']);
    }
  });

  it('writes a subjects CSV the app imports without an error', () => {
    const { subjects: rows, errors } = parseSubjectsCsv(subjectsCsvText(subjects));
    expect(errors).toEqual([]);
    expect(rows).toEqual(
      subjects.map((s) => ({
        subjectId: s.subjectId,
        site: s.site,
        enrollmentDate: s.enrollmentDate,
        treatmentStartDate: s.treatmentStartDate,
        deathDate: null,
        newAnticancerTherapyDate: null,
      })),
    );
  });

  it('writes ages as DICOM AS, a year less before the birthday', () => {
    expect(dicomAge('1952-02-26', '2000-02-25')).toBe('047Y');
    expect(dicomAge('1952-02-26', '2000-02-26')).toBe('048Y');
  });
});

describe('the trial PHI', () => {
  it('holds the names in their screen forms, the IDs, every date form and the shared CT', () => {
    for (const value of [
      'DOE^JANE^ALPHA',
      'DOE^JANE',
      'DOE, JANE ALPHA',
      'JANE DOE',
      'H4471203',
      'Riverside Cancer Centre',
      'KILDARE^JAMES',
      'Male',
      'Female',
      '20000226',
      '2000-02-26',
      '26 Feb 2000',
      'Feb 26, 2000',
      '2/26/2000',
      '1952-02-26',
      'LIDC-IDRI-0314',
      '20000101',
      '2819497684894126',
    ])
      expect(phi.has(value), value).toBe(true);
    expect(phi.get('26 Feb 2000')).toBe('PANC-003 baseline study date');
    expect(phi.get('2000-02-24')).toBe('PANC-001 enrolment date');
  });

  it('leaves out what blinded screens show: subject IDs, sites, series descriptions, visit labels', () => {
    const blindedScreen =
      'PANC-001 · SITE-01 · Day 57 (W8) · DERIVED CT CHEST W8 (TEST COPY) · CT · 275 images';
    expect(findPhiIn(blindedScreen, phi.keys())).toEqual([]);
    expect(findPhiIn('Patient: Jane Doe, born 26 February 1952', phi.keys())).toEqual(
      expect.arrayContaining(['JANE DOE', '26 February 1952']),
    );
  });

  it('spells a date the ways a screen might print it', () => {
    expect(spelledDateRenderings('2000-02-06')).toEqual([
      '6 Feb 2000',
      '6 February 2000',
      'Feb 6, 2000',
      'February 6, 2000',
      'Feb 6 2000',
      '06 Feb 2000',
      'Feb 06 2000',
      '2/6/2000',
      '6/2/2000',
      '2000/02/06',
      '06-Feb-2000',
    ]);
  });
});

describe('findPhiIn', () => {
  it('finds a date at the start of an ISO timestamp, which the token rule alone misses', () => {
    const text = '"studyDate": "2000-02-26T00:00:00.000Z"';
    expect(findPhi(text, ['2000-02-26'])).toEqual([]);
    expect(findPhiIn(text, ['2000-02-26'])).toEqual(['2000-02-26']);
  });
});

/** A ZIP of the given entries, the first stored and the rest deflated, as a zip tool writes one. */
function zip(entries: [string, string][]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  entries.forEach(([name, content], index) => {
    const nameBytes = Buffer.from(encoder.encode(name));
    const raw = Buffer.from(encoder.encode(content));
    const method = index === 0 ? 0 : 8;
    const data = method === 0 ? raw : deflateRawSync(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  });
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

describe('fileText', () => {
  it('reads JSON strings that escapes hide from the raw text', () => {
    const bytes = new TextEncoder().encode('{"patient":"\\u0044OE^JANE^ALPHA"}');
    expect(findPhi(new TextDecoder().decode(bytes), ['DOE^JANE^ALPHA'])).toEqual([]);
    expect(findPhiIn(fileText('read.json', bytes), phi.keys())).toContain('DOE^JANE^ALPHA');
  });

  it('reads the entries of a ZIP, deflated ones included, and their names', () => {
    const long = `${'padding '.repeat(200)}H5582314 ${'padding '.repeat(200)}`;
    const bytes = zip([
      ['DOE^JANE-report.csv', 'subject,visit\nPANC-001,W8\n'],
      ['reads/PANC-002.json', JSON.stringify({ note: long })],
    ]);
    expect(zipEntries(bytes).map((e) => e.name)).toEqual(['DOE^JANE-report.csv', 'reads/PANC-002.json']);
    // Deflated: the raw bytes do not show the ID, only the entry's decompressed text does.
    expect(findPhi(new TextDecoder('latin1').decode(bytes), ['H5582314'])).toEqual([]);
    expect(findPhiIn(fileText('export.zip', bytes), phi.keys())).toEqual(
      expect.arrayContaining(['DOE^JANE', 'H5582314']),
    );
  });

  it('reads the ASCII strings of a binary file, and the file name itself', () => {
    const bytes = new Uint8Array([
      0xff,
      0xfe,
      0x00,
      0x0e,
      ...new TextEncoder().encode('SMITH^MARY^GAMMA'),
      0x00,
      0x9f,
    ]);
    expect(findPhiIn(fileText('key-image.png', bytes), phi.keys())).toContain('SMITH^MARY^GAMMA');
    expect(findPhiIn(fileText('H6693425-read.json', new Uint8Array()), phi.keys())).toEqual(['H6693425']);
  });
});
