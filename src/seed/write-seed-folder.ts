import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SeedError } from './seed-errors.js';
import type { SeedFileText } from './seed-model.js';

export interface WriteSeedFolderOptions {
  /** Replace a folder that is not empty, and everything in it. */
  force?: boolean;
  /** Called after each file is written, with how many of how many. */
  onFile?: (written: number, total: number) => void;
}

/**
 * Writes `files` into `dir` all or nothing: into a new folder next to it, which then takes its place, so
 * `dir` holds the old files or all the new ones, never some of each. A folder that is not empty is
 * refused unless `force`.
 */
export async function writeSeedFolder(
  dir: string,
  files: readonly SeedFileText[],
  { force = false, onFile = () => {} }: WriteSeedFolderOptions = {},
): Promise<void> {
  const target = resolve(dir);
  const existing = await checkExportFolder(dir, force);
  for (const { name } of files) {
    if (isAbsolute(name) || name.split('/').some((part) => part === '..' || part === '')) {
      throw new SeedError(`The seed file name "${name}" would leave the folder; nothing was written.`);
    }
  }
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const partial = join(parent, `.${basename(target)}.partial-${process.pid}-${Date.now()}`);
  const replaced = `${partial}.old`;
  await mkdir(partial);
  try {
    let written = 0;
    for (const file of files) {
      const path = join(partial, file.name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.text);
      onFile(++written, files.length);
    }
    if (existing === undefined) {
      await rename(partial, target);
    } else {
      await rename(target, replaced);
      try {
        await rename(partial, target);
      } catch (error) {
        await rename(replaced, target);
        throw error;
      }
      await rm(replaced, { recursive: true, force: true });
    }
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

/**
 * Refuses a `dir` that is a file, or a folder that is not empty unless `force`; returns its entries
 * (undefined when it does not exist). The CLI calls it before reading the graph too, to fail early.
 */
export async function checkExportFolder(dir: string, force: boolean): Promise<string[] | undefined> {
  const target = resolve(dir);
  const fromTarget = relative(target, process.cwd());
  if (fromTarget === '' || !(fromTarget === '..' || fromTarget.startsWith(`..${sep}`) || isAbsolute(fromTarget))) {
    // `--dir .` or `--dir ..` with --force would replace the folder the command runs in: the project, say.
    throw new SeedError(
      `${dir} holds the current folder; export into a folder of its own (such as seed). Nothing was written.`,
    );
  }
  const existing = await folderEntries(dir, target);
  if (existing !== undefined && existing.length > 0 && !force) {
    throw new SeedError(
      `${dir} is not empty (it holds ${existing.length} file${existing.length === 1 ? '' : 's'} or folders); ` +
        'export into an empty or new folder, or add --force to replace the folder and everything in it. ' +
        'Nothing was written.',
    );
  }
  return existing;
}

/** The names in the folder `target`, or undefined when there is none; a SeedError when it is not a folder. */
async function folderEntries(dir: string, target: string): Promise<string[] | undefined> {
  try {
    if (!(await stat(target)).isDirectory()) {
      throw new SeedError(`${dir} is a file, not a folder; name a folder to export into. Nothing was written.`);
    }
    return await readdir(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
