/**
 * Paths a page asks the host to scan or check: validated the same way over IPC (Electron) and over
 * HTTP (the dev-server bridge), since both come from a page that must not be trusted.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';

const absolutePath = z
  .string()
  .min(1, 'a path is empty')
  .max(4096, 'a path is longer than 4096 characters')
  .refine((path) => !path.includes('\0'), 'a path contains a NUL byte')
  .refine((path) => isAbsolute(path), 'paths must be absolute');

export const pathList = z.array(absolutePath).max(10_000, 'at most 10,000 paths per call');
