import { config } from 'zod';

/**
 * zod compiles fast validators with `new Function` unless told not to, and probes for it on the first
 * parse; the app's policy forbids eval (no 'unsafe-eval'), so the probe alone is a policy violation.
 * Imported first by main.tsx so it is set before any schema runs.
 */
config({ jitless: true });
