import type { ImportSet, ImportSourceName, ProgressListener } from './import-model.js';
import { readEsco } from './read-esco.js';
import { readOnet } from './read-onet.js';

export type ImportReaderName = ImportSourceName;

/** The reader of each source's distributed files. */
export const IMPORT_READERS: Record<
  ImportSourceName,
  (dir: string, onProgress?: ProgressListener) => Promise<ImportSet>
> = { esco: readEsco, onet: readOnet };
