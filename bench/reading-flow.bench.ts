/**
 * Reading-flow bench: what a reader waits for in the app itself, through the real UI in web mode
 * (headless Chromium, the app built for production and served with the disk bridge of `npm run web`;
 * no harness).
 *
 * Set-up (untimed): ../shared/data/ct-chest-lidc-0314 and a follow-up derived from it by
 * ../shared/tools/derive-followup.sh (new UIDs, 8 weeks later, same frame of reference) imported by
 * path, a reader profile, a read with the right-lung nodule measured as baseline target T1.
 *
 * Figures (median of RUNS cold runs: a fresh page load each, nothing decoded in Cornerstone's cache),
 * against issue 8's targets. "Drawn" is the viewer's own state (ViewportController: the requested slice
 * of the requested series has had Cornerstone's IMAGE_RENDERED), read through the app's dev/web-mode
 * handles, never a fixed wait.
 *   open follow-up   click the follow-up visit (baseline shown, its series prefetched) -> prior and
 *                    follow-up drawn in both viewports                                    <= 500 ms
 *   go to lesion     click "go to" at T1 right after the follow-up opened -> both viewports drawn at
 *                    the nodule slice                                                     <= 300 ms
 *   reload           reload at the follow-up -> both images back                          <= 1.5 s
 * Beside them, not against a target: the same "go to" once both series are prefetched (what is left
 * without prefetch competing for the decoders). RECIST_BENCH_TRACE=1 also prints, per phase, what the
 * page fetched and marked and a CPU profile's top functions (profiling slows the phase it profiles);
 * RECIST_BENCH_RUNS changes the number of runs.
 */
import type { Browser, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview, type Connect } from 'vite';
import { launchChromium, median, verdict } from './browser';
import { readingPagePoint as pagePoint } from '../test/e2e/support/readingPage';

const ROOT = process.cwd();
const DATA = resolve(ROOT, '../shared/data');
const CT = resolve(DATA, 'ct-chest-lidc-0314');
/** InstanceNumber 90: the right-lung nodule is largest there (test/e2e/measure.helpers.ts). */
const NODULE_FILE = resolve(CT, '000233.dcm');
const NODULE_PIXEL = { column: 156, row: 284 } as const;
const RUNS = Number(process.env['RECIST_BENCH_RUNS'] ?? 3);
const TARGET = { openMs: 500, goToMs: 300, reloadMs: 1500 } as const;

interface Expected {
  readonly priorSeries: string;
  readonly followUpSeries: string;
  readonly noduleSop: string;
}

function dicomTag(file: string, tag: string): string {
  const out = execFileSync('dcmdump', ['+P', tag, file], { encoding: 'utf8' });
  const match = /\[(.*)\]/.exec(out);
  if (!match) throw new Error(`${file} has no ${tag}`);
  return match[1]!;
}

/**
 * The web app built for production, served by `vite preview` with the disk bridge that `npm run web`
 * mounts on its dev server (the config's own bridge plugin, handed the preview server's middlewares), so
 * studies can be imported by path. The build defines import.meta.env.DEV as true for one purpose only:
 * the app's two test handles (window.__recistViewer, window.__recistReading) exist in dev builds only,
 * and the bench reads the viewer's drawn state through them. React and the rest are the production build.
 */
async function startApp(allowlist: string): Promise<{ url: string; close(): Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), 'recist-bench-reading-app-'));
  const configFile = resolve(ROOT, 'vite.web.config.ts');
  process.env['RECIST_WEB_ALLOWLIST'] = allowlist;
  await build({
    configFile,
    logLevel: 'error',
    define: { 'import.meta.env.DEV': 'true' },
    build: { outDir, emptyOutDir: true },
  });
  const server = await preview({
    configFile,
    logLevel: 'error',
    build: { outDir },
    preview: { port: Number(process.env['RECIST_BENCH_PORT'] ?? 5403), strictPort: true },
    plugins: [
      {
        name: 'recist-bench-bridge',
        async configurePreviewServer(server) {
          const bridge = server.config.plugins.find((p) => p.name === 'recist-platform-bridge');
          const configure = bridge?.configureServer;
          if (typeof configure !== 'function')
            throw new Error('vite.web.config.ts has no recist-platform-bridge plugin to serve disk paths');
          await (configure as (server: { middlewares: Connect.Server }) => Promise<void>)({
            middlewares: server.middlewares,
          });
        },
      },
    ],
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return {
    url,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

async function importPath(page: Page, path: string) {
  await page.getByRole('button', { name: 'Import path…' }).click();
  await page.getByTestId('import-path-input').fill(path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('import-report').waitFor({ timeout: 120_000 });
  const rejected = await page.getByTestId('report-rejected').textContent();
  if (rejected !== '0') throw new Error(`import of ${path} rejected ${rejected} files`);
  await page.getByRole('button', { name: 'Dismiss' }).click();
}

/**
 * Resolves (in the page) once every viewport i has drawn series `series[i]`, at slice `slice` when
 * given; the value is the page's clock (performance.timeOrigin-based, ms since the epoch) at that moment.
 * The viewer's state is checked at every change it reports, from its mount on.
 */
function whenDrawn(page: Page, series: readonly string[], slice: number | null): Promise<number> {
  return page.evaluate(
    async ({ series, slice }) => {
      const drawn = () =>
        series.every((uid, i) => {
          const state = window.__recistViewer?.getState(i);
          return (
            !!state &&
            state.rendered &&
            state.seriesInstanceUid === uid &&
            (slice === null || state.sliceIndex === slice)
          );
        });
      // The controllers mount and re-mount with React: look at the state once per task until it holds.
      while (!drawn()) await new Promise((resolve) => setTimeout(resolve, 0));
      return performance.timeOrigin + performance.now();
    },
    { series, slice },
  );
}

async function setUpRead(page: Page, followUp: string, expected: Expected): Promise<number> {
  await page.goto('/');
  await importPath(page, CT);
  await importPath(page, followUp);
  await page.getByTestId('mode-reading').click();
  await page.getByTestId('reader-name').fill('Bench Reader');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.getByTestId('subject-select').selectOption({ label: 'LIDC-IDRI-0314' });
  await page.getByTestId('start-read').click();
  await page.getByTestId('subject-enrollmentDate').fill('2000-01-03');
  await page.getByTestId('timepoint-row').nth(1).waitFor();
  await page.getByTestId('timepoint-row').nth(0).click();
  await whenDrawn(page, [expected.priorSeries], null);
  const slice = await page.evaluate(
    (sop) =>
      window
        .__recistReading!.handle()!
        .viewport(0)!
        .getSeries()!
        .frames.findIndex((f) => f.sopInstanceUid === sop),
    expected.noduleSop,
  );
  if (slice < 0) throw new Error('the CT has no nodule slice');
  await page.evaluate((slice) => window.__recistViewer!.showSlice(slice, 0), slice);
  await page.getByTestId('add-target').click();
  const from = await pagePoint(page, 0, NODULE_PIXEL.column - 16, NODULE_PIXEL.row);
  const to = await pagePoint(page, 0, NODULE_PIXEL.column + 16, NODULE_PIXEL.row);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
  const dialog = page.getByTestId('location-dialog');
  await dialog.getByTestId('location-search').fill('right upper lobe');
  await dialog.getByRole('option').first().click();
  await dialog.getByTestId('location-ok').click();
  await page.getByTestId('key-image-T1').waitFor();
  return slice;
}

interface RunFigures {
  readonly openMs: number;
  readonly goToMs: number;
  /** The same "go to" once both series are prefetched: the app's and the viewer's own path alone. */
  readonly goToCachedMs: number;
  readonly reloadMs: number;
}

const TRACE = process.env['RECIST_BENCH_TRACE'] === '1';

/** With RECIST_BENCH_TRACE=1: what the page fetched and marked since `since` (page clock, epoch ms). */
async function trace(page: Page, what: string, since: number): Promise<void> {
  if (!TRACE) return;
  const entries = await page.evaluate((since) => {
    const origin = performance.timeOrigin;
    return performance
      .getEntries()
      .filter(
        (e) =>
          origin + e.startTime >= since - 1 &&
          (e.entryType === 'resource' ||
            e.entryType === 'mark' ||
            e.entryType === 'measure' ||
            e.entryType === 'navigation'),
      )
      .map((e) => ({
        type: e.entryType,
        name: e.name.replace(/^.*\/__recist\/files\/.*%2F/, 'file:').replace(location.origin, ''),
        start: origin + e.startTime - since,
        end: origin + e.startTime + e.duration - since,
      }));
  }, since);
  process.stdout.write(`  -- ${what}\n`);
  const files = entries.filter((e) => e.name.startsWith('file:'));
  for (const e of entries.filter((e) => !e.name.startsWith('file:')))
    process.stdout.write(
      `     ${e.type.padEnd(8)} ${e.start.toFixed(0).padStart(6)} ${e.end.toFixed(0).padStart(6)} ${e.name.slice(0, 90)}\n`,
    );
  if (files.length > 0)
    process.stdout.write(
      `     ${files.length} DICOM files, first ${files
        .slice(0, 4)
        .map((f) => `${f.name} ${f.start.toFixed(0)}-${f.end.toFixed(0)}`)
        .join(', ')}\n`,
    );
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
async function profiled<T>(page: Page, what: string, body: () => Promise<T>): Promise<T> {
  if (!TRACE) return body();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await body();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  process.stdout.write(`  -- profile ${what} (self ms)\n`);
  for (const [k, v] of top) process.stdout.write(`     ${v.toFixed(1).padStart(7)} ${k.slice(0, 110)}\n`);
  await cdp.detach();
  return result;
}

let lastGoToStart = 0;

/** Clicks "go to" at T1 and resolves with the ms until both viewports have drawn the nodule slice. */
async function goTo(page: Page, both: readonly string[], noduleSlice: number): Promise<number> {
  const started = await page.evaluate(() => {
    const started = performance.timeOrigin + performance.now();
    const button = [...document.querySelectorAll<HTMLButtonElement>('[data-testid="lesion-T1"] button')].find(
      (b) => b.textContent?.trim() === 'go to',
    );
    if (!button) throw new Error('T1 has no "go to" button');
    button.click();
    return started;
  });
  lastGoToStart = started;
  return (await whenDrawn(page, both, noduleSlice)) - started;
}

async function oneRun(page: Page, expected: Expected, noduleSlice: number): Promise<RunFigures> {
  const both = [expected.priorSeries, expected.followUpSeries];
  // Open the follow-up from the baseline, as a reader who has read it does: a fresh page at the
  // baseline, its series prefetched, then a click on the follow-up.
  await page.getByTestId('timepoint-row').nth(0).click();
  await page.reload();
  await whenDrawn(page, [expected.priorSeries], null);
  await page.evaluate(() => window.__recistViewer!.prefetchIdle());
  const openStarted = await page.evaluate(() => {
    const started = performance.timeOrigin + performance.now();
    document.querySelectorAll<HTMLElement>('[data-testid="timepoint-row"]')[1]!.click();
    return started;
  });
  const openMs = (await profiled(page, 'open', () => whenDrawn(page, both, null))) - openStarted;
  await trace(page, `open follow-up ${openMs.toFixed(0)} ms`, openStarted);

  // Go to: right after the follow-up opened (a fresh page there, its first images drawn).
  await page.reload();
  await whenDrawn(page, both, null);
  const goToMs = await profiled(page, 'go to', () => goTo(page, both, noduleSlice));
  await trace(page, `go to ${goToMs.toFixed(0)} ms`, lastGoToStart);

  // The same once both series are in the cache, from the first slice.
  await page.evaluate(() => window.__recistViewer!.prefetchIdle());
  await page.evaluate(() =>
    Promise.all([window.__recistViewer!.showSlice(0, 0), window.__recistViewer!.showSlice(0, 1)]),
  );
  const goToCachedMs = await goTo(page, both, noduleSlice);

  // Reload at the follow-up until both images are back.
  await page.evaluate(() => window.__recistViewer!.prefetchIdle());
  const reloadStarted = Date.now();
  await page.reload({ waitUntil: 'commit' });
  const reloadMs = (await whenDrawn(page, both, null)) - reloadStarted;
  await trace(page, `reload ${reloadMs.toFixed(0)} ms`, reloadStarted);
  return { openMs, goToMs, goToCachedMs, reloadMs };
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

export async function run(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'recist-bench-reading-'));
  const followUp = join(work, 'derived-followup-20000226');
  const derived = execFileSync(resolve(DATA, '../tools/derive-followup.sh'), [CT, followUp, '20000226'], {
    encoding: 'utf8',
  });
  const expected: Expected = {
    priorSeries: dicomTag(NODULE_FILE, '0020,000e'),
    followUpSeries: /series ([\d.]+)/.exec(derived)![1]!,
    noduleSop: dicomTag(NODULE_FILE, '0008,0018'),
  };
  const app = await startApp(join(work, 'allowlist.json'));
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript('window.__name = (f) => f');
    const noduleSlice = await setUpRead(page, followUp, expected);
    const runs: RunFigures[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await oneRun(page, expected, noduleSlice));
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const line = (key: keyof RunFigures, name: string, target: number) => {
      const values = runs.map((r) => r[key]);
      const value = median(values);
      return (
        `  ${verdict(value <= target)} ${name.padEnd(15)} ${ms(value)} ` +
        `(${values.map((v) => v.toFixed(0)).join(', ')}) target <= ${target} ms`
      );
    };
    process.stdout.write(
      [
        `reading-flow: ${CT} + derived follow-up, the app built for production in web mode, headless Chromium, ` +
          `${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}`,
        `  ${RUNS} cold runs (a fresh page each), medians (each run)`,
        line('openMs', 'open follow-up', TARGET.openMs),
        line('goToMs', 'go to lesion', TARGET.goToMs),
        `       ${'(prefetched)'.padEnd(15)} ${ms(median(runs.map((r) => r.goToCachedMs)))} ` +
          `(${runs.map((r) => r.goToCachedMs.toFixed(0)).join(', ')}) the same once both series are cached`,
        line('reloadMs', 'reload', TARGET.reloadMs),
      ].join('\n') + '\n',
    );
  } finally {
    await browser?.close();
    await app.close();
    rmSync(work, { recursive: true, force: true });
  }
}
