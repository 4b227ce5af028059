import { expect, test } from '@playwright/test';
import { keepScreenshot } from './support/artifacts';
import { openReadWithVisits } from './support/readingVisits';

test('impossible subject dates are refused at the field, with the rule; nothing stored changes', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Baseline 2000-01-01 (a screening scan before the 2000-01-03 enrolment: normal), follow-up 2000-02-26.
  const cleanup = await openReadWithVisits(page, ['20000226']);
  try {
    await expect(page.getByTestId('timepoint-row')).toHaveCount(2);
    const death = page.getByTestId('subject-deathDate');
    const enrolment = page.getByTestId('subject-enrollmentDate');
    const therapy = page.getByTestId('subject-newAnticancerTherapyDate');
    await expect(enrolment).toHaveValue('2000-01-03');

    // Death before enrolment: the "PFS -104 d".
    await death.fill('1999-09-20');
    await death.press('Tab');
    await expect(page.getByTestId('subject-deathDate-error')).toHaveText(
      'Not saved: Death (1999-09-20) is before enrolment (2000-01-03): death must be on or after enrolment',
    );
    await expect(page.getByTestId('recist-panel')).not.toContainText('-1');
    await expect(page.getByTestId('recist-panel')).not.toContainText('PFS -');
    for (const size of [
      { width: 1600, height: 1000 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(size);
      await keepScreenshot(page, testInfo, `subject-date-refused-${size.width}x${size.height}`);
    }
    await page.setViewportSize({ width: 1600, height: 1000 });

    // Death before the last scan.
    await death.fill('2000-02-25');
    await death.press('Tab');
    await expect(page.getByTestId('subject-deathDate-error')).toContainText(
      'is before the last scan (2000-02-26): death must be on or after the last scan',
    );
    // A possible death date is saved and the message goes.
    await death.fill('2000-03-10');
    await death.press('Tab');
    await expect(page.getByTestId('subject-deathDate-error')).toBeHidden();

    // Enrolment after every scan is impossible (after the baseline alone is normal: it was accepted).
    await enrolment.fill('2000-02-27');
    await enrolment.press('Tab');
    await expect(page.getByTestId('subject-enrollmentDate-error')).toContainText(
      'Enrolment (2000-02-27) is after the last scan (2000-02-26): enrolment must be on or before the last scan',
    );
    // New anticancer therapy before the baseline scan.
    await therapy.fill('1999-12-31');
    await therapy.press('Tab');
    await expect(page.getByTestId('subject-newAnticancerTherapyDate-error')).toContainText(
      'New anticancer therapy (1999-12-31) starts before the baseline scan (2000-01-01)',
    );

    // Nothing refused was stored: after a reload the fields hold the last accepted dates.
    await page.reload();
    await expect(page.getByTestId('subject-enrollmentDate')).toHaveValue('2000-01-03');
    await expect(page.getByTestId('subject-deathDate')).toHaveValue('2000-03-10');
    await expect(page.getByTestId('subject-newAnticancerTherapyDate')).toHaveValue('');

    // A date typed only in part is not dropped without a word (nor does it clear the stored date).
    await page.getByTestId('subject-enrollmentDate').click();
    await page.keyboard.press('Backspace');
    expect(
      await page.getByTestId('subject-enrollmentDate').evaluate((i: HTMLInputElement) => i.validity.badInput),
    ).toBe(true);
    // Tab would move within the date's parts: leave the field as a click elsewhere does.
    await page.getByTestId('subject-enrollmentDate').blur();
    await expect(page.getByTestId('subject-enrollmentDate-error')).toHaveText(
      'Not saved: enter a complete date (day, month and year)',
    );
    await page.reload();
    await expect(page.getByTestId('subject-enrollmentDate')).toHaveValue('2000-01-03');
    expect(errors).toEqual([]);
  } finally {
    cleanup();
  }
});
