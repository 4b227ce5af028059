/**
 * How the end-to-end tests and the browser benches launch Chromium: Debian's build by default
 * (RECIST_CHROMIUM elsewhere), headless without the sandbox (root in CI) or background services.
 * See ../shared/docs/toolchain.md.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env['RECIST_CHROMIUM'] ?? '/usr/bin/chromium',
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
