/**
 * How the end-to-end tests and the browser benches launch Chromium: RECIST_CHROMIUM when set, else
 * Debian's build, else Playwright's own (test/e2e-tools.ts gets one of them before the e2e step);
 * headless without the sandbox (root in CI) or background services. See ../shared/docs/toolchain.md.
 */
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The Chromium the tests will launch, or null when none is installed. */
export function findChromium(): string | null {
  const chosen = process.env['RECIST_CHROMIUM'];
  if (chosen) return existsSync(chosen) ? chosen : null;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const playwrights = chromium.executablePath();
  return existsSync(playwrights) ? playwrights : null;
}

export const chromiumLaunchOptions = {
  executablePath: findChromium() ?? process.env['RECIST_CHROMIUM'] ?? DEBIAN_CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
