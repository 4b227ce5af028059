import { describe, expect, it } from 'vitest';
import { inlineScriptsAsModules } from '../../../vite.shared';

type Hook = (html: string) => string;
type Resolve = (id: string) => string | undefined;

function hooks() {
  const plugin = inlineScriptsAsModules();
  const transform = (plugin.transformIndexHtml as { handler: Hook }).handler;
  return { plugin, transform, resolveId: plugin.resolveId as Resolve, load: plugin.load as Resolve };
}

describe('dev pages carry no inline script (the app policy has no unsafe-inline)', () => {
  it('serves each inline module script as a module of its own, in the same place', () => {
    const { plugin, transform, resolveId, load } = hooks();
    expect(plugin.apply).toBe('serve');
    const preamble = 'import { injectIntoGlobalHook } from "/@react-refresh";\ninjectIntoGlobalHook(window);';
    const html = `<head><script type="module">${preamble}</script><script type="module" src="/@vite/client"></script></head>`;

    const out = transform(html);
    expect(out).not.toContain(preamble);
    const src =
      /<script type="module" src="\/@id\/__x00__([^"]+)"><\/script><script type="module" src="\/@vite\/client">/.exec(
        out,
      )?.[1];
    expect(src).toBeDefined();
    const id = `\0${src!}`;
    expect(resolveId(id)).toBe(id);
    expect(load(id)).toBe(preamble);
    expect(transform(html)).toBe(out);
  });

  it('leaves external scripts and other modules alone', () => {
    const { transform, resolveId, load } = hooks();
    const html = '<script type="module" src="./main.tsx"></script>';
    expect(transform(html)).toBe(html);
    expect(resolveId('/src/main.tsx')).toBeUndefined();
    expect(load('\0other')).toBeUndefined();
  });
});
