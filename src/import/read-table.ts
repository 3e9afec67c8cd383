import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { ImportFormatError, ImportSourceError } from './import-errors.js';
import type { ProgressListener } from './import-model.js';

/** One table file of an import source, read from a folder or from a zip entry. */
export interface TableSource {
  /** The file's own name, e.g. `occupations_en.csv`: what skipped rows and progress are reported under. */
  name: string;
  /** Where it is read from, for error messages: a path, or a zip's path and the entry's name. */
  location: string;
  totalBytes: number;
  chunks(): AsyncIterable<Uint8Array>;
}

/** ESCO: comma-separated, RFC 4180 quoting (fields hold commas and line breaks). */
export const CSV_TABLE = { delimiter: ',', quoted: true } as const;
/** O*NET: tab-separated with no quoting at all; a `"` is part of the text (Tools Used.txt has some). */
export const TAB_TABLE = { delimiter: '\t', quoted: false } as const;
export type TableFormat = typeof CSV_TABLE | typeof TAB_TABLE;

/** A row by its header's column names. */
export type TableRow = Record<string, string>;

const PROGRESS_EVERY_ROWS = 5_000;
const CHUNK_BYTES = 1 << 20;

export async function fileTable(path: string, name: string): Promise<TableSource> {
  const { size } = await stat(path);
  return {
    name,
    location: path,
    totalBytes: size,
    chunks: () => createReadStream(path, { highWaterMark: CHUNK_BYTES }),
  };
}

export function bytesTable(name: string, location: string, bytes: Uint8Array): TableSource {
  return {
    name,
    location,
    totalBytes: bytes.byteLength,
    async *chunks() {
      for (let start = 0; start < bytes.byteLength; start += CHUNK_BYTES)
        yield bytes.subarray(start, start + CHUNK_BYTES);
    },
  };
}

/**
 * Parses a table with a header row, calling `onRow` for each row in order with the line it starts on. The header
 * must name every one of `columns` (others are kept too). A row with another number of fields, an unterminated
 * quote or bytes that are not UTF-8 is an ImportFormatError naming the file and line; blank lines are passed over.
 * Returns the number of rows.
 */
export async function readTable(
  source: TableSource,
  format: TableFormat,
  columns: readonly string[],
  onRow: (row: TableRow, line: number) => void,
  onProgress?: ProgressListener,
): Promise<number> {
  let header: string[] | undefined;
  let rows = 0;
  let line = 1;
  let bytesRead = 0;
  const report = () => onProgress?.({ file: source.name, rows, bytesRead, totalBytes: source.totalBytes });
  // Records as arrays, counted here: csv-parse's per-record info would double the time of a 124k-row file.
  const parser = parse({
    bom: true,
    delimiter: format.delimiter,
    quote: format.quoted ? '"' : false,
    relax_column_count: true,
  });
  const onRecord = (record: string[]) => {
    const at = line;
    line += 1;
    for (const field of record) line += countLines(field);
    if (record.length === 1 && record[0] === '') return; // a blank line
    if (!header) {
      header = record;
      const missing = columns.filter((column) => !record.includes(column));
      if (missing.length > 0) {
        const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');
        throw new ImportFormatError(
          source.location,
          at,
          `the header lacks ${quoted(missing)}; it has ${quoted(record)}`,
        );
      }
      return;
    }
    if (record.length !== header.length) {
      throw new ImportFormatError(
        source.location,
        at,
        `${record.length} field${record.length === 1 ? '' : 's'} where the header has ${header.length}`,
      );
    }
    const row: TableRow = {};
    for (let i = 0; i < header.length; i += 1) row[header[i] as string] = record[i] as string;
    rows += 1;
    onRow(row, at);
    if (rows % PROGRESS_EVERY_ROWS === 0) report();
  };
  try {
    await pipeline(
      decodeUtf8(source, (n) => (bytesRead += n)),
      parser,
      async (records: AsyncIterable<string[]>) => {
        for await (const record of records) onRecord(record);
      },
    );
  } catch (error) {
    if (error instanceof ImportSourceError) throw error;
    if (error instanceof CsvError) {
      const at = (error as CsvError & { lines?: number }).lines ?? line;
      throw new ImportFormatError(source.location, at, error.message);
    }
    throw new ImportSourceError(`Cannot read ${source.location}: ${(error as Error).message}`);
  }
  if (!header) throw new ImportFormatError(source.location, 1, 'no header row: the file is empty');
  report();
  return rows;
}

/** Strict UTF-8, so that a bad byte is an error rather than a silent U+FFFD in a name. */
async function* decodeUtf8(source: TableSource, onBytes: (n: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  for await (const chunk of source.chunks()) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const lenient = new TextDecoder('utf-8').decode(chunk);
      throw new ImportFormatError(
        source.location,
        line + countLines(lenient.slice(0, lenient.indexOf('\uFFFD'))),
        'not valid UTF-8',
      );
    }
    line += countLines(text);
    onBytes(chunk.byteLength);
    yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw new ImportFormatError(source.location, line, 'ends inside a UTF-8 character');
  }
  if (rest) yield rest;
}

function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}
