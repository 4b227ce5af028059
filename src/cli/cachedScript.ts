/**
 * Loads a command bundled as a script (build/build-cli.mjs: `evaluate.cjs`, a CommonJS bundle wrapped in
 * `(function (module, exports, require) { ... })`) with the V8 code cache the build made for it.
 * Node 20 keeps no compiled code between runs of an ES module; with the cache, V8 skips compiling the
 * bundle and each zod function it runs (about 25 ms of a 150 ms `evaluate`).
 *
 * The cache is only an optimisation: missing, unreadable or rejected by V8 (another Node version, other
 * V8 flags), the script is compiled from its source as usual. Its file name carries a hash of the
 * script it was made from, so a cache never meets another build's script (V8 itself checks only the
 * source's length).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Script } from 'node:vm';

export function loadCachedScript<T>(file: string, cacheFile: string): T {
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(readFileSync(file, 'utf8'), { filename: file, cachedData });
  const wrapper = script.runInThisContext() as (
    module: { exports: unknown },
    exports: unknown,
    require: NodeJS.Require,
  ) => void;
  const module = { exports: {} };
  wrapper(module, module.exports, createRequire(file));
  return module.exports as T;
}
