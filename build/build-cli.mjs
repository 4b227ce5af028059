/**
 * Builds the command line into out/cli (or the folder given as the first argument) with esbuild:
 * `index.js` (the `recist-ws` bin) and `headerWorker.js`, the header-reading worker thread, beside it
 * where the worker pool looks for it. ES modules with code splitting, so each command's code (and
 * zod, which only `evaluate` needs) is a chunk loaded when that command runs, not at start-up.
 * Minified, and zod tree-shaken (see zodNamespaceImport): `evaluate` starts in about half the time.
 * `evaluate` itself is a script, `evaluate.cjs`, run with a V8 code cache made here (see
 * src/cli/cachedScript.ts and makeCodeCache below). `audit`, which needs zod too, is `audit.cjs`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const outdir = resolve(root, process.argv[2] ?? 'out/cli');

/**
 * `import { z } from 'zod'` binds zod's whole namespace object as one value, so every export of zod
 * (all its locales, JSON Schema conversion, ...: ~800 KB) is bundled and evaluated. The same code read as
 * `import * as z from 'zod'` (identical meaning: `z.string` is the same function either way) lets esbuild
 * keep only what is used, about a sixth of it.
 */
const zodNamespaceImport = {
  name: 'zod-namespace-import',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const rewritten = source.replace(/^import \{ z \} from 'zod';$/m, "import * as z from 'zod';");
      return rewritten === source
        ? undefined
        : { contents: rewritten, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/** One read, a baseline and a follow-up, that takes `evaluate` through the code that every read runs. */
const WARM_UP_READ = {
  criteria: 'RECIST1.1',
  subject: { id: 'S001', enrollmentDate: '2026-01-05' },
  lesions: [
    { id: 'T1', kind: 'target', organ: 'liver', nodal: false },
    { id: 'T2', kind: 'target', organ: 'lymph node', nodal: true },
    { id: 'NT1', kind: 'non-target', organ: 'peritoneum', nodal: false },
  ],
  timepoints: [
    {
      id: 'BL',
      date: '2026-01-02',
      sliceThicknessMm: 2.5,
      measurements: { T1: { mm: 32 }, T2: { mm: 18 } },
      nonTarget: { NT1: 'present' },
    },
    {
      id: 'W8',
      date: '2026-03-01',
      measurements: { T1: { status: 'too-small' }, T2: { mm: 9 } },
      nonTarget: { NT1: 'absent' },
      newLesions: [{ id: 'N1', organ: 'liver', status: 'equivocal' }],
    },
  ],
};

/**
 * Runs `evaluate.cjs` once on WARM_UP_READ in a `node` like the bin's (this binary, no command-line
 * flags: V8 refuses a cache made under other flags or another V8) and saves V8's code cache of it, taken after the run so that it holds
 * every function the run compiled, not only the top level.
 */
function makeCodeCache(script, cacheFile) {
  const program = `
    const { readFileSync, writeFileSync } = require('node:fs');
    const { Script } = require('node:vm');
    const [file, cacheFile, read] = process.argv.slice(1);
    const script = new Script(readFileSync(file, 'utf8'), { filename: file });
    const module = { exports: {} };
    script.runInThisContext()(module, module.exports, require);
    Promise.resolve(module.exports.run([read])).then((code) => {
      if (code !== 0) throw new Error('the warm-up read failed: exit code ' + code);
      writeFileSync(cacheFile, script.createCachedData());
    });`;
  const dir = mkdtempSync(join(tmpdir(), 'recist-cli-warm-up-'));
  try {
    const read = join(dir, 'read.json');
    writeFileSync(read, JSON.stringify(WARM_UP_READ));
    // The environment as is: NODE_OPTIONS may carry V8 flags, and the runs that use the cache get them too.
    execFileSync(process.execPath, ['-e', program, script, cacheFile, read], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  plugins: [zodNamespaceImport],
  logLevel: 'warning',
};

rmSync(outdir, { recursive: true, force: true });

// `evaluate`: CommonJS wrapped in a function expression, the shape cachedScript.ts runs. No
// sourceMappingURL comment (the map is written beside it): nothing reads it at run time.
const evaluateScript = resolve(outdir, 'evaluate.cjs');
await build({
  ...common,
  entryPoints: ['src/cli/commands/evaluate.ts'],
  outfile: evaluateScript,
  format: 'cjs',
  banner: { js: '(function (module, exports, require) {' },
  footer: { js: '})' },
  sourcemap: 'external',
});
const scriptHash = createHash('sha256').update(readFileSync(evaluateScript)).digest('hex').slice(0, 16);
const codeCache = `evaluate.${scriptHash}.v8cache`;
makeCodeCache(evaluateScript, resolve(outdir, codeCache));

// `audit`: a CommonJS script of its own too (no code cache: it is not run in bulk), so that zod and
// the signature code stay out of the chunks every other command loads.
const auditScript = 'audit.cjs';
await build({
  ...common,
  entryPoints: ['src/cli/commands/audit.ts'],
  outfile: resolve(outdir, auditScript),
  format: 'cjs',
  sourcemap: 'external',
});

// `endpoints`: evaluates every read of a folder, so it needs zod too; a CommonJS script like `audit`.
const endpointsScript = 'endpoints.cjs';
await build({
  ...common,
  entryPoints: ['src/cli/commands/endpoints.ts'],
  outfile: resolve(outdir, endpointsScript),
  format: 'cjs',
  sourcemap: 'external',
});

await build({
  ...common,
  entryPoints: { index: 'src/cli/index.ts', headerWorker: 'src/node/import/headerWorker.ts' },
  outdir,
  splitting: true,
  format: 'esm',
  // Chunks sit next to the entries: headerPool finds headerWorker.js relative to its own module.
  chunkNames: 'chunk-[hash]',
  // dicom-parser's UMD build calls require('zlib'), which an ES module has no `require` for.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __recistCreateRequire } from 'node:module';\nconst require = __recistCreateRequire(import.meta.url);",
  },
  define: {
    RECIST_EVALUATE_CODE_CACHE: JSON.stringify(codeCache),
    RECIST_AUDIT_SCRIPT: JSON.stringify(auditScript),
    RECIST_ENDPOINTS_SCRIPT: JSON.stringify(endpointsScript),
  },
  // Linked for stack traces read with the map; Node itself never loads it (no --enable-source-maps).
  sourcemap: 'linked',
});
chmodSync(resolve(outdir, 'index.js'), 0o755);
