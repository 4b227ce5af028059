import { describe, expect, it } from 'vitest';
import { updateSubject } from '../../../../src/renderer/db/readSubjects';
import { refusal } from './policyFixtures';
import { readFixture } from './readTestDb';

describe('commands are decided in the order they were issued', () => {
  // A reader types the enrolment date and tabs to the death date: both saves start before either is
  // stored. Decided in either order, the death date could be judged without the enrolment date.
  it('the death date typed after the enrolment date is judged against it', async () => {
    for (let run = 0; run < 5; run += 1) {
      const f = await readFixture();
      const enrolment = updateSubject(f.session, f.subjectId, { enrollmentDate: '2026-01-05' });
      const death = updateSubject(f.session, f.subjectId, { deathDate: '2026-01-03' });
      await enrolment;
      expect((await refusal(death)).message).toMatch(
        /^Death \(2026-01-03\) is before enrolment \(2026-01-05\)/,
      );
    }
  });
});
