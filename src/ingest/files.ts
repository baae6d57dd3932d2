import fs from 'node:fs/promises';
import path from 'node:path';
import { type ValidationIssue } from './issues.ts';
import { fileTooLarge, MAX_ARTICLE_BYTES, syntaxOf } from './parse.ts';

/**
 * The article files named on a command line: files as given, folders searched recursively for
 * .yaml, .yml and .json files, in a stable (sorted) order.
 */
export async function collectArticleFiles(
  paths: readonly string[],
): Promise<{ files: string[]; missing: ValidationIssue[] }> {
  const files: string[] = [];
  const missing: ValidationIssue[] = [];
  for (const given of paths) {
    const stat = await fs.stat(given).catch(() => undefined);
    if (!stat) {
      missing.push({
        file: given,
        path: '(file)',
        message: 'no such file or folder',
        code: 'UNREADABLE_FILE',
      });
    } else if (stat.isDirectory()) {
      const entries = await fs.readdir(given, { recursive: true, withFileTypes: true });
      const found = entries
        .filter((e) => e.isFile() && syntaxOf(e.name) !== undefined)
        .map((e) => path.join(e.parentPath, e.name))
        .sort();
      files.push(...found);
    } else {
      files.push(given);
    }
  }
  return { files: [...new Set(files)], missing };
}

/** Reads a file, refusing one over the size limit before reading it. */
export async function readArticleFile(
  file: string,
): Promise<{ text: string } | { issue: ValidationIssue }> {
  try {
    const { size } = await fs.stat(file);
    if (size > MAX_ARTICLE_BYTES) return { issue: fileTooLarge(file, size) };
    return { text: await fs.readFile(file, 'utf8') };
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a folder' : 'cannot be read';
    return {
      issue: { file, path: '(file)', message: `the file ${reason}`, code: 'UNREADABLE_FILE' },
    };
  }
}
