import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/security';
import { contentSecurityPolicyMeta } from '../../../vite.shared';

describe('the built page carries the content security policy', () => {
  it('as a meta tag, in production builds only, without the directive meta tags cannot carry', () => {
    const plugin = contentSecurityPolicyMeta(CONTENT_SECURITY_POLICY);
    expect(plugin.apply).toBe('build');
    const [tag] = plugin.transformIndexHtml() as { tag: string; attrs: Record<string, string> }[];
    expect(tag!.tag).toBe('meta');
    expect(tag!.attrs['http-equiv']).toBe('Content-Security-Policy');
    const content = tag!.attrs['content']!;
    expect(content).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(content).toContain("default-src 'self'");
    expect(content).not.toContain('frame-ancestors');
  });
});
