/**
 * Issue 9, items 5c and 17: the reading room works from the keyboard. Arrow keys scroll the active
 * viewport without a click into it first; every tool and reading action has a shortcut, listed in a
 * help overlay ("?" button or key); nothing fires while the reader types.
 */
import { expect, test, type Page } from '@playwright/test';
import { drag } from './measure.helpers';
import { confirmSignature } from './support/accounts';
import { keepScreenshot } from './support/artifacts';
import { readingPagePoint } from './support/readingPage';
import { chooseLocation, measureNodule, showNoduleSlice } from './support/readingSetup';
import { openTwoVisitRead } from './support/viewerSpace';

const sliceOf = (page: Page, index: number) =>
  page.evaluate((index) => window.__recistViewer!.getSliceIndex(index), index);

/** Focus on the page itself, as after clicking an empty part of a panel. */
async function focusPageBody(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
}

test('arrow keys and PgUp/PgDn scroll the active viewport without clicking into it; not while typing', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const followUp = await openTwoVisitRead(page);
  try {
    const start = await sliceOf(page, 0);
    await focusPageBody(page);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => sliceOf(page, 0)).toBe(start + 1);
    await page.keyboard.press('PageDown');
    await expect.poll(() => sliceOf(page, 0)).toBe(start + 11);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => sliceOf(page, 0)).toBe(start + 10);

    // From a button the reader last pressed (a non-text control): still the images.
    await page.getByTestId('timepoint-row').nth(0).focus();
    await page.keyboard.press('PageUp');
    await expect.poll(() => sliceOf(page, 0)).toBe(start);

    // Typing in a field moves its caret, not the images.
    const date = page.getByTestId('subject-enrollmentDate');
    await date.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(300);
    expect(await sliceOf(page, 0)).toBe(start);
  } finally {
    followUp.remove();
  }
});

test('keyboard-first reading: tools, add lesions, next/previous lesion and visit, sign, and the shortcut help', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  // Enrolled on the baseline scan's day: signing the baseline needs no override.
  const followUp = await openTwoVisitRead(page, { enrollmentDate: '2000-01-01' });
  try {
    await focusPageBody(page);

    await test.step('the help overlay: "?" key and "?" button, closed by Esc', async () => {
      await page.keyboard.press('?');
      const help = page.getByTestId('shortcut-help');
      await expect(help).toBeVisible();
      for (const what of [
        'Add target',
        'Add non-target',
        'Add new lesion',
        'Next lesion',
        'Next visit',
        'Sign',
      ])
        await expect(help).toContainText(what);
      await keepScreenshot(page, testInfo, 'shortcut-help');
      await page.keyboard.press('Escape');
      await expect(help).toBeHidden();
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await expect(help).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(help).toBeHidden();
    });

    await test.step('tool shortcuts', async () => {
      await page.keyboard.press('p');
      await expect(page.getByTestId('tool-Pan')).toHaveAttribute('aria-pressed', 'true');
      await page.keyboard.press('z');
      await expect(page.getByTestId('tool-Zoom')).toHaveAttribute('aria-pressed', 'true');
      await page.keyboard.press('w');
      await expect(page.getByTestId('tool-WindowLevel')).toHaveAttribute('aria-pressed', 'true');
    });

    await test.step('not while typing', async () => {
      await page.getByTestId('subject-enrollmentDate').focus();
      await page.keyboard.press('t');
      await page.keyboard.press('?');
      await page.waitForTimeout(300);
      await expect(page.getByTestId('measure-armed')).toHaveCount(0);
      await expect(page.getByTestId('shortcut-help')).toHaveCount(0);
      await focusPageBody(page);
    });

    await test.step('add a target and a non-target from the keyboard', async () => {
      await showNoduleSlice(page, 0);
      await page.keyboard.press('t');
      await expect(page.getByTestId('measure-armed')).toHaveAttribute('data-tool', 'Bidirectional');
      await measureNodule(page, 0, 16);
      await chooseLocation(page, 'right upper lobe');
      await expect(page.getByTestId('lesion-T1')).toBeVisible();
      await focusPageBody(page);
      await page.keyboard.press('n');
      await expect(page.getByTestId('measure-armed')).toHaveAttribute('data-tool', 'ArrowAnnotate');
      await drag(page, await readingPagePoint(page, 0, 260, 230), await readingPagePoint(page, 0, 250, 250));
      await chooseLocation(page, 'mediastinal');
      await expect(page.getByTestId('lesion-NT1')).toBeVisible();
    });

    await test.step('next / previous lesion', async () => {
      await focusPageBody(page);
      await page.keyboard.press(']');
      await expect(page.getByTestId('lesion-T1')).toHaveClass(/selected/);
      await page.keyboard.press(']');
      await expect(page.getByTestId('lesion-NT1')).toHaveClass(/selected/);
      await page.keyboard.press('[');
      await expect(page.getByTestId('lesion-T1')).toHaveClass(/selected/);
    });

    await test.step('sign, next visit, add a new lesion, previous visit', async () => {
      await page.keyboard.press('Control+Enter');
      await confirmSignature(page);
      await expect(page.getByTestId('signed-badge')).toBeVisible();
      await page.keyboard.press('.');
      await expect(page.getByTestId('viewport-1')).toBeVisible();
      await expect(page.getByTestId('timepoint-row').nth(1).locator('..')).toHaveClass(/selected/);
      // Issue 9 item 14a: each viewport names its visit, the study date and the study day.
      await expect(page.getByTestId('viewport-1').getByTestId('visit-caption')).toHaveText(
        'Week 8 · 2000-02-26 · day 57',
      );
      await expect(page.getByTestId('viewport-0').getByTestId('visit-caption')).toHaveText(
        'Baseline · 2000-01-01 · day 1',
      );
      await expect(page.getByTestId('viewport-1').getByTestId('series-description')).toHaveAttribute(
        'title',
        /Series: DERIVED FOLLOW-UP[^\n]*\nStudy: /,
      );
      await page.keyboard.press('l');
      await expect(page.getByTestId('measure-armed')).toHaveAttribute('data-tool', 'ArrowAnnotate');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('measure-armed')).toHaveCount(0);
      await page.keyboard.press(',');
      await expect(page.getByTestId('timepoint-row').nth(0).locator('..')).toHaveClass(/selected/);
    });
  } finally {
    followUp.remove();
  }
});
