import { readdir } from 'node:fs/promises';
import { ImportSourceError } from './import-errors.js';

/** The file names in a source's folder, sorted; a folder that is missing or unreadable is an ImportSourceError. */
export async function listSourceFolder(dir: string, source: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImportSourceError(`The ${source} folder ${dir} does not exist.`);
    if (code === 'ENOTDIR') throw new ImportSourceError(`The ${source} folder ${dir} is not a folder.`);
    throw new ImportSourceError(`Cannot read the ${source} folder ${dir}: ${(error as Error).message}`);
  }
}

/** `a, b and c`, for messages. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
