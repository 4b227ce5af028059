/** Shared steps for the measurement end-to-end tests, which drive the dev-only measurement harness. */
import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DATA = resolve(process.cwd(), '../shared/data');
export const CT_DIR = resolve(DATA, 'ct-chest-lidc-0314');
/** The slice with InstanceNumber 90 (z = -494.8 mm): the right-lung nodule is largest there. */
export const NODULE_FILE = resolve(CT_DIR, '000233.dcm');
/** The nodule's centre on that slice, in image pixels (data/README.md). */
export const NODULE_PIXEL = { column: 156, row: 284 } as const;

/** A follow-up derived from the CT by ../shared/tools/derive-followup.sh (new UIDs, later date). */
export function deriveFollowUp(date: string, newFrameOfReference: boolean): { dir: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'recist-measure-'));
  const dir = join(root, `derived-followup-${date}${newFrameOfReference ? '-new-for' : ''}`);
  execFileSync(
    resolve(DATA, '../tools/derive-followup.sh'),
    [CT_DIR, dir, date, ...(newFrameOfReference ? ['--new-frame-of-reference'] : [])],
    { stdio: 'pipe' },
  );
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export function dicomTag(file: string, tag: string): string {
  const out = execFileSync('dcmdump', ['+P', tag, file], { encoding: 'utf8' });
  const match = /\[(.*)\]/.exec(out);
  if (!match) throw new Error(`${file} has no ${tag}`);
  return match[1]!;
}

/** Opens the measurement harness and collects uncaught page errors. */
export async function openMeasureHarness(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/harness/measure.html');
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-ready', 'true');
  return errors;
}

export async function addFolder(page: Page, dir: string, seriesAfter: number): Promise<void> {
  await page.getByTestId('measure-folder-input').setInputFiles(dir);
  await expect(page.getByTestId('measure-series-count')).toHaveText(`${seriesAfter} series`);
}

/** Waits until viewport `index` has drawn slice `slice`. */
export async function waitForDrawn(page: Page, slice: number, index = 0): Promise<void> {
  await page.waitForFunction(
    ({ slice, index }) => {
      const state = window.__recistViewer?.getState(index);
      return !!state && state.sliceIndex === slice && state.rendered;
    },
    { slice, index },
  );
}

/** Page coordinates of image pixel (column, row) of the slice viewport `index` shows. */
export async function pagePointOfPixel(
  page: Page,
  index: number,
  column: number,
  row: number,
): Promise<{ x: number; y: number; world: [number, number, number] }> {
  const { canvas, world } = await page.evaluate(
    ({ index, column, row }) => {
      const viewport = window.__measure!.handle()!.viewport(index)!.getViewport();
      const { origin, direction, spacing } = viewport.getImageData()!;
      const world: [number, number, number] = [0, 1, 2].map(
        (axis) =>
          origin[axis]! + column * spacing[0]! * direction[axis]! + row * spacing[1]! * direction[3 + axis]!,
      ) as [number, number, number];
      return { canvas: viewport.worldToCanvas(world), world };
    },
    { index, column, row },
  );
  const box = (await page.getByTestId(`viewport-${index}`).getByTestId('viewport-canvas').boundingBox())!;
  return { x: box.x + canvas[0], y: box.y + canvas[1], world };
}

/** Page coordinates of a world point on viewport `index`. */
export async function pagePointOfWorld(
  page: Page,
  index: number,
  world: readonly [number, number, number],
): Promise<{ x: number; y: number }> {
  const canvas = await page.evaluate(
    ({ index, world }) =>
      window
        .__measure!.handle()!
        .viewport(index)!
        .getViewport()
        .worldToCanvas([world[0], world[1], world[2]]),
    { index, world },
  );
  const box = (await page.getByTestId(`viewport-${index}`).getByTestId('viewport-canvas').boundingBox())!;
  return { x: box.x + canvas[0], y: box.y + canvas[1] };
}

export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

export function lengthMm(segment: readonly (readonly number[])[]): number {
  const [a, b] = segment as [readonly number[], readonly number[]];
  return Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
}

/**
 * The 0-based slice of viewport `index` showing the nodule slice (InstanceNumber 90) of the CT, in the
 * measure harness or (`app`) the reading workspace.
 */
export async function noduleSlice(page: Page, index = 0, app = false): Promise<number> {
  const sop = dicomTag(NODULE_FILE, '0008,0018');
  const slice = await page.evaluate(
    ({ index, sop, app }) =>
      (app ? window.__recistReading! : window.__measure!)
        .handle()!
        .viewport(index)!
        .getSeries()!
        .frames.findIndex((f) => f.sopInstanceUid === sop),
    { index, sop, app },
  );
  if (slice < 0) throw new Error('the CT in the viewport has no slice with InstanceNumber 90');
  return slice;
}
