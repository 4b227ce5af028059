/**
 * Finds writes to the read tables in TypeScript source, for writePath.test.ts. A text scan, not a
 * type check: it follows the receiver of each Dexie write method back through property accesses,
 * calls and indexing, and reports the receiver when it names a read table, `table('<read table>')`,
 * or the helpers that hand out writable tables.
 */
import { readStores } from '../../../../src/renderer/db/readSchema';

export const writeMethods = [
  'put',
  'add',
  'bulkPut',
  'bulkAdd',
  'update',
  'bulkUpdate',
  'delete',
  'bulkDelete',
  'clear',
  'modify',
] as const;

/** Every table the read schema declares, including the v2 ones v3 drops (a write there is one too). */
export const readTableNames: readonly string[] = Object.keys(readStores);

export interface WriteFinding {
  readonly line: number;
  readonly receiver: string;
  readonly method: string;
  readonly text: string;
}

/** Blanks comments (keeping line numbers), so prose about `lesions.put` is not a write. */
export function withoutComments(source: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return source
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .split('\n')
    .map((line) => line.replace(/(^|[^:'"`\\])\/\/.*$/, (m, before: string) => before + blank(m.slice(1))))
    .join('\n');
}

const closing: Record<string, string> = { ')': '(', ']': '[' };

/** The expression a `.method(` is called on: identifiers, `.`/`?.`, `!`, and balanced () and []. */
export function receiverBefore(code: string, dot: number): string {
  let i = dot - 1;
  const skipSpace = () => {
    while (i >= 0 && /\s/.test(code[i]!)) i -= 1;
  };
  for (;;) {
    skipSpace();
    if (code[i] === '!') i -= 1;
    skipSpace();
    const c = code[i];
    if (c !== undefined && c in closing) {
      let depth = 0;
      for (; i >= 0; i -= 1) {
        if (code[i] === c) depth += 1;
        else if (code[i] === closing[c]) {
          depth -= 1;
          if (depth === 0) break;
        }
      }
      i -= 1;
      continue;
    }
    if (c !== undefined && /[\w$]/.test(c)) {
      while (i >= 0 && /[\w$]/.test(code[i]!)) i -= 1;
      skipSpace();
      if (code[i] === '.') {
        i -= 1;
        if (code[i] === '?') i -= 1;
        continue;
      }
      break;
    }
    break;
  }
  return code.slice(i + 1, dot).trim();
}

/** Names declared in the file as a Map, Set or array: `reads.delete(id)` on them is not a table write. */
function localCollections(code: string): Set<string> {
  const declared =
    /\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=;]+)?=\s*(?:new\s+(?:Map|Set|WeakMap|WeakSet)\b|\[)/g;
  return new Set([...code.matchAll(declared)].map((m) => m[1]!));
}

function namesReadTable(receiver: string, collections: ReadonlySet<string>): boolean {
  const names = readTableNames.join('|');
  if (collections.has(receiver)) return false;
  return (
    new RegExp(`(^|[.\\s!?])(${names})\\b(?!\\s*\\()`).test(receiver) ||
    new RegExp(`\\btable\\s*\\(\\s*['"\`](${names})['"\`]`).test(receiver) ||
    /\b(writableReadTables|transactionTables)\s*\(/.test(receiver)
  );
}

/** Every write call on a read table in `source`. */
export function findReadTableWrites(source: string): WriteFinding[] {
  const code = withoutComments(source);
  const lines = source.split('\n');
  const findings: WriteFinding[] = [];
  const collections = localCollections(code);
  const call = new RegExp(`(\\?)?\\.\\s*(${writeMethods.join('|')})\\s*(<[^>()]*>)?\\s*\\(`, 'g');
  for (const match of code.matchAll(call)) {
    const receiver = receiverBefore(code, match.index);
    if (!namesReadTable(receiver, collections)) continue;
    const line = code.slice(0, match.index).split('\n').length;
    findings.push({ line, receiver, method: match[2]!, text: lines[line - 1]!.trim() });
  }
  return findings;
}

/** Whether the file takes the helper that hands out writable read tables. */
export function usesWritableReadTables(source: string): boolean {
  return /\bwritableReadTables\b/.test(withoutComments(source));
}

/** The line range of a named function's body (for the migration's allowance). */
export function functionLines(source: string, name: string): [number, number] | null {
  const start = source.search(new RegExp(`function\\s+${name}\\s*\\(`));
  if (start < 0) return null;
  const open = source.indexOf('{', source.indexOf(')', start));
  let depth = 0;
  let end = open;
  for (; end < source.length; end += 1) {
    if (source[end] === '{') depth += 1;
    else if (source[end] === '}') {
      depth -= 1;
      if (depth === 0) break;
    }
  }
  const lineOf = (index: number) => source.slice(0, index).split('\n').length;
  return [lineOf(start), lineOf(end)];
}
