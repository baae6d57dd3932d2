import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type ValidationIssue } from './issues.ts';
import { fileTooLarge, MAX_ARTICLE_BYTES, syntaxOf } from './parse.ts';

/**
 * The article files named on a command line: files as given, folders searched recursively for
 * .yaml, .yml and .json files, in a stable (sorted) order. A symbolic link is never followed,
 * whether named or found in a folder: it is refused as a file of its own, so a link to a file
 * elsewhere (`/etc/passwd`) is neither read nor quoted, and none is skipped without a word.
 */
export async function collectArticleFiles(
  paths: readonly string[],
): Promise<{ files: string[]; refused: ValidationIssue[] }> {
  const files: string[] = [];
  const refused: ValidationIssue[] = [];
  for (const given of paths) {
    const stat = await fs.lstat(given).catch(() => undefined);
    if (!stat) {
      refused.push(unreadable(given, 'no such file or folder'));
    } else if (stat.isSymbolicLink()) {
      refused.push(symbolicLink(given));
    } else if (stat.isDirectory()) {
      const entries = await fs.readdir(given, { recursive: true, withFileTypes: true });
      const inside = (e: (typeof entries)[number]) => path.join(e.parentPath, e.name);
      files.push(
        ...entries
          .filter((e) => e.isFile() && syntaxOf(e.name) !== undefined)
          .map(inside)
          .sort(),
      );
      refused.push(
        ...entries
          .filter((e) => e.isSymbolicLink())
          .map(inside)
          .sort()
          .map(symbolicLink),
      );
    } else {
      files.push(given);
    }
  }
  return { files: [...new Set(files)], refused };
}

/**
 * Reads a file, refusing one over the size limit before reading it, and a symbolic link (also
 * one that replaced the file after it was found: the file is opened without following links).
 */
export async function readArticleFile(
  file: string,
): Promise<{ text: string } | { issue: ValidationIssue }> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    const { size } = await handle.stat();
    if (size > MAX_ARTICLE_BYTES) return { issue: fileTooLarge(file, size) };
    return { text: await handle.readFile('utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { issue: symbolicLink(file) };
    return {
      issue: unreadable(file, `the file ${code === 'EISDIR' ? 'is a folder' : 'cannot be read'}`),
    };
  } finally {
    await handle?.close();
  }
}

const unreadable = (file: string, message: string): ValidationIssue => ({
  file,
  path: '(file)',
  message,
  code: 'UNREADABLE_FILE',
});

const symbolicLink = (file: string): ValidationIssue => ({
  file,
  path: '(file)',
  message: 'a symbolic link, not followed: name the file it points to instead',
  code: 'SYMBOLIC_LINK',
});
