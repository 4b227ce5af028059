/**
 * Builds the command line into out/cli (or the folder given as the first argument) with esbuild:
 * `index.js` (the `recist-ws` bin) and `headerWorker.js`, the header-reading worker thread, beside it
 * where the worker pool looks for it. ES modules with code splitting, so each command's code (and
 * zod, which only `evaluate` needs) is a chunk loaded when that command runs, not at start-up.
 * Minified, and zod tree-shaken (see zodNamespaceImport): `evaluate` starts in about half the time.
 */
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
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

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/cli/index.ts', headerWorker: 'src/node/import/headerWorker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Chunks sit next to the entries: headerPool finds headerWorker.js relative to its own module.
  chunkNames: 'chunk-[hash]',
  // dicom-parser's UMD build calls require('zlib'), which an ES module has no `require` for.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __recistCreateRequire } from 'node:module';\nconst require = __recistCreateRequire(import.meta.url);",
  },
  minify: true,
  legalComments: 'none',
  plugins: [zodNamespaceImport],
  // Linked for stack traces read with the map; Node itself never loads it (no --enable-source-maps).
  sourcemap: 'linked',
  logLevel: 'warning',
});
chmodSync(resolve(outdir, 'index.js'), 0o755);
