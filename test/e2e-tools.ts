/**
 * Run by `npm test` before the end-to-end step: gets what the e2e tests need and the machine lacks,
 * so the README's two commands are all a newcomer needs. Chromium (to drive the app) and dcmtk (to
 * derive follow-up fixtures): from Debian when apt-get works as root, else Playwright's own Chromium
 * by download; otherwise it stops at once with the one command to run.
 */
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium';

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const isRoot = process.getuid?.() === 0;
const canApt = isRoot && onPath('apt-get');

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  process.stdout.write(`e2e tools: ${command} ${args.join(' ')}\n`);
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;
}

function aptInstall(packages: readonly string[]): boolean {
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  return run('apt-get', ['update', '-qq'], env) && run('apt-get', ['install', '-y', '-qq', ...packages], env);
}

const missingDebs: string[] = [];
if (findChromium() === null && process.env['RECIST_CHROMIUM'] === undefined) missingDebs.push('chromium');
if (!onPath('dcmodify')) missingDebs.push('dcmtk');

if (missingDebs.length > 0 && canApt) aptInstall(missingDebs);
if (findChromium() === null && process.env['RECIST_CHROMIUM'] === undefined)
  run('npx', ['playwright', 'install', 'chromium']);

const stillMissing: string[] = [];
if (findChromium() === null) {
  stillMissing.push(
    process.env['RECIST_CHROMIUM'] !== undefined
      ? `RECIST_CHROMIUM=${process.env['RECIST_CHROMIUM']} does not exist`
      : 'Chromium (Debian: chromium; or `npx playwright install chromium`)',
  );
}
if (!onPath('dcmodify')) stillMissing.push('dcmtk (dcmodify, dcmdump)');
if (stillMissing.length > 0) {
  process.stderr.write(
    `The end-to-end tests need ${stillMissing.join(' and ')}.\n` +
      'Install them, then run npm test again:\n' +
      '  sudo apt-get install -y chromium dcmtk      (Debian, Ubuntu)\n' +
      '  brew install dcmtk && npx playwright install chromium      (macOS)\n',
  );
  process.exit(1);
}
