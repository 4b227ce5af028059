import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';

describe('cli dispatcher', () => {
  it('prints the version', () => {
    const result = runCli(['version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^recist-ws \d+\.\d+\.\d+\n$/);
  });

  it('rejects an unknown command with exit code 2 and the list of commands', () => {
    const result = runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
    expect(result.stderr).toContain('version');
    expect(result.stdout).toBe('');
  });
});
