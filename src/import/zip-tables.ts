import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { unzipSync } from 'fflate';
import { ImportSourceError } from './import-errors.js';
import { bytesTable, type TableSource } from './read-table.js';

/** A zip as a source distributes it, with its entries by file name (folders inside the zip ignored). */
export interface ZipArchive {
  path: string;
  bytes: Uint8Array;
  /** File name → the entry's full name and its size unpacked. */
  entries: Map<string, { entry: string; originalSize: number }>;
}

export async function openZip(path: string): Promise<ZipArchive> {
  const bytes = await readFile(path);
  const entries: ZipArchive['entries'] = new Map();
  try {
    // The filter sees every entry's name and size; returning false unpacks none of them.
    unzipSync(bytes, {
      filter: ({ name, originalSize }) => {
        if (!name.endsWith('/')) entries.set(basename(name), { entry: name, originalSize });
        return false;
      },
    });
  } catch (error) {
    throw new ImportSourceError(`Cannot read the zip ${path}: ${(error as Error).message}`);
  }
  return { path, bytes, entries };
}

/** One entry of the zip as a table, unpacked in memory when first read (the largest ESCO table is 21 MB). */
export function zipTable(zip: ZipArchive, name: string): TableSource {
  const found = zip.entries.get(name);
  if (!found) throw new Error(`${zip.path} has no ${name}`);
  const location = `${zip.path} › ${found.entry}`;
  return {
    name,
    location,
    totalBytes: found.originalSize,
    chunks() {
      let unpacked: Uint8Array | undefined;
      try {
        unpacked = unzipSync(zip.bytes, { filter: ({ name: entry }) => entry === found.entry })[found.entry];
      } catch (error) {
        throw new ImportSourceError(`Cannot unpack ${location}: ${(error as Error).message}`);
      }
      if (!unpacked) throw new ImportSourceError(`Cannot unpack ${location}`);
      return bytesTable(name, location, unpacked).chunks();
    },
  };
}
