/**
 * Follow-up bench: opening a follow-up beside its prior (1x2, slice sync on), web mode in headless
 * Chromium, through the dev-only measurement harness built for production (bench/browser.ts).
 *
 * Data: ../shared/data/ct-chest-lidc-0314 as the prior and a follow-up derived from it by
 * ../shared/tools/derive-followup.sh (new UIDs, same frame of reference, so the viewports sync):
 * 2 x 275 slices, 512 x 512 x 16 bit.
 *
 * Figures (median of RUNS fresh pages per case) against the viewer's targets (issues 2 and 4):
 *   first image   both series indexed -> a slice drawn in BOTH viewports         <= 500 ms
 *                 (a) the viewer already in 1x2, as a follow-up reading screen opens it;
 *                 (b) switching a 1x1 viewer to 1x2 at the same time (mounts the second viewport)
 *   sync scroll   mean ms per slice stepping the left viewport through the stack,
 *                 each step waiting until both viewports have drawn it           <= 33 ms
 * The harness's header read of the 550 files is printed apart: in the app it happens at import.
 */
import type { Browser } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium, median, serveHarness, verdict } from './browser';

const ROOT = process.cwd();
const DATA = resolve(ROOT, '../shared/data');
const CT = resolve(DATA, 'ct-chest-lidc-0314');
const SLICES = 275;
const RUNS = 3;
const TARGET = { firstImageMs: 500, scrollMs: 33 };

interface RunFigures {
  readonly headerReadMs: number;
  readonly firstImageMs: number;
  readonly leftFirstMs: number;
  readonly rightFirstMs: number;
  readonly scrollMeanMs: number;
  readonly scrollP95Ms: number;
  readonly scrollMaxMs: number;
  readonly inStep: number;
}

async function oneRun(
  browser: Browser,
  url: string,
  followUp: string,
  startIn1x2: boolean,
): Promise<RunFigures> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // tsx compiles this file with esbuild's keepNames: the functions handed to page.evaluate call __name.
  await page.addInitScript('window.__name = (f) => f');
  try {
    await page.goto(url);
    await page.getByTestId('viewer').and(page.locator('[data-ready="true"]')).waitFor();
    if (startIn1x2) await page.getByTestId('layout-1x2').click();
    const input = page.getByTestId('measure-folder-input');
    const readStarted = Date.now();
    await input.setInputFiles(CT);
    await page.getByTestId('measure-series-count').getByText('1 series').waitFor({ timeout: 60_000 });
    await input.setInputFiles(followUp);
    await page.getByTestId('measure-series-count').getByText('2 series').waitFor({ timeout: 60_000 });
    const headerReadMs = Date.now() - readStarted;

    const open = await page.evaluate(async () => {
      const harness = window.__measure!;
      const viewer = window.__recistViewer!;
      const [prior, current] = harness.series();
      const drawn = (index: number, uid: string) => {
        const state = viewer.getState(index);
        return !!state && state.rendered && state.seriesInstanceUid === uid;
      };
      const started = performance.now();
      const firstAt: (number | null)[] = [null, null];
      harness.show(0, 1);
      harness.setLayout('1x2');
      while (firstAt.some((t) => t === null)) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (firstAt[0] === null && drawn(0, prior!.uid)) firstAt[0] = performance.now() - started;
        if (firstAt[1] === null && drawn(1, current!.uid)) firstAt[1] = performance.now() - started;
        if (performance.now() - started > 60_000) throw new Error('the two viewports never drew');
      }
      return { left: firstAt[0]!, right: firstAt[1]!, sync: harness.handle()!.sliceSync().status };
    });
    if (open.sync !== 'synced') throw new Error(`expected the derived follow-up to sync, got ${open.sync}`);
    await page.evaluate(() => window.__recistViewer!.prefetchIdle());

    const scroll = await page.evaluate(async (count) => {
      const handle = window.__measure!.handle()!;
      const left = handle.viewport(0)!;
      const right = handle.viewport(1)!;
      const bothAt = (slice: number) =>
        new Promise<number>((resolve) => {
          const started = performance.now();
          const check = () => {
            const a = left.getState();
            const b = right.getState();
            return a.sliceIndex === slice && a.rendered && b.rendered && b.sliceIndex === slice;
          };
          const done = () => {
            if (!check()) return;
            offLeft();
            offRight();
            resolve(performance.now() - started);
          };
          const offLeft = left.subscribe(done);
          const offRight = right.subscribe(done);
          left.setSlice(slice);
          done();
        });
      const times: number[] = [];
      let inStep = 0;
      for (let i = 1; i < count; i++) {
        times.push(await bothAt(i));
        if (left.getState().sliceLocationMm === right.getState().sliceLocationMm) inStep++;
      }
      return { times, inStep };
    }, SLICES);
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const sorted = [...scroll.times].sort((a, b) => a - b);
    return {
      headerReadMs,
      firstImageMs: Math.max(open.left, open.right),
      leftFirstMs: open.left,
      rightFirstMs: open.right,
      scrollMeanMs: sorted.reduce((sum, t) => sum + t, 0) / sorted.length,
      scrollP95Ms: sorted[Math.floor(sorted.length * 0.95)]!,
      scrollMaxMs: sorted[sorted.length - 1]!,
      inStep: scroll.inStep,
    };
  } finally {
    await page.close();
  }
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

export async function run(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'recist-bench-followup-data-'));
  const followUp = join(work, 'derived-followup-20260301');
  execFileSync(resolve(DATA, '../tools/derive-followup.sh'), [CT, followUp, '20260301'], { stdio: 'pipe' });
  process.stdout.write(
    `followup: ${CT} + derived follow-up (same frame of reference), 2 x ${SLICES} slices, 1x2 with sync, ` +
      `headless Chromium, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}\n`,
  );
  const server = await serveHarness('measure', '?autoShow=0');
  const browser = await launchChromium();
  try {
    const runs: RunFigures[] = [];
    const switched: RunFigures[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await oneRun(browser, server.url, followUp, true));
      switched.push(await oneRun(browser, server.url, followUp, false));
    }
    const pick = (key: keyof RunFigures) => median(runs.map((r) => r[key]));
    const firstImage = pick('firstImageMs');
    const firstSwitched = median(switched.map((r) => r.firstImageMs));
    const scroll = pick('scrollMeanMs');
    const inStep = Math.min(...[...runs, ...switched].map((r) => r.inStep));
    process.stdout.write(
      [
        `  runs: ${RUNS} fresh pages, medians (min-max)`,
        `  ${verdict(firstImage <= TARGET.firstImageMs)} first image, both  ${ms(firstImage)} (${range(runs, 'firstImageMs')}) ` +
          `target <= ${TARGET.firstImageMs} ms, viewer in 1x2: left ${ms(pick('leftFirstMs'))}, right ${ms(pick('rightFirstMs'))}`,
        `  ${verdict(firstSwitched <= TARGET.firstImageMs)} first image, both  ${ms(firstSwitched)} (${range(switched, 'firstImageMs')}) ` +
          `target <= ${TARGET.firstImageMs} ms, switching 1x1 -> 1x2 at the same time (mounts the second viewport)`,
        `  ${verdict(scroll <= TARGET.scrollMs)} sync scroll        ${scroll.toFixed(1)} ms/slice (p95 ` +
          `${pick('scrollP95Ms').toFixed(1)}, max ${pick('scrollMaxMs').toFixed(1)}) target <= ${TARGET.scrollMs} ms; ` +
          `${inStep}/${SLICES - 1} steps at the same position in both`,
        `  (not timed against a target: the harness's header read of 2 x ${SLICES} files took ${ms(pick('headerReadMs'))}; ` +
          `the app reads headers at import)`,
      ].join('\n') + '\n',
    );
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function range(runs: RunFigures[], key: keyof RunFigures): string {
  const values = runs.map((r) => r[key]);
  return `${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)}`;
}
