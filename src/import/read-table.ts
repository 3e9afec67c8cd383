import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { CsvError, type Info, parse } from 'csv-parse';
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

/** A row by its header's column names, and the line of the file it starts on. */
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
 * Parses a table with a header row, calling `onRow` for each row in order. The header must name every one of
 * `columns` (others are ignored); a row with another number of fields, an unterminated quote or bytes that are
 * not UTF-8 is an ImportFormatError naming the file and line. Returns the number of rows.
 */
export async function readTable(
  source: TableSource,
  format: TableFormat,
  columns: readonly string[],
  onRow: (row: TableRow, line: number) => void,
  onProgress?: ProgressListener,
): Promise<number> {
  let rows = 0;
  let lastLine = 1;
  let bytesRead = 0;
  const report = () => onProgress?.({ file: source.name, rows, bytesRead, totalBytes: source.totalBytes });
  const parser = parse({
    bom: true,
    delimiter: format.delimiter,
    quote: format.quoted ? '"' : false,
    skip_empty_lines: true,
    info: true,
    columns: (header: string[]) => {
      const missing = columns.filter((column) => !header.includes(column));
      if (missing.length > 0) {
        throw new ImportFormatError(
          source.location,
          1,
          `the header lacks ${missing.map((c) => `"${c}"`).join(', ')}; it has ${header.map((c) => `"${c}"`).join(', ')}`,
        );
      }
      return header;
    },
  });
  try {
    await pipeline(
      decodeUtf8(source, (n) => (bytesRead += n)),
      parser,
      async (records: AsyncIterable<unknown>) => {
        for await (const item of records) {
          const { record, info } = item as { record: TableRow; info: Info };
          rows += 1;
          onRow(record, lastLine + 1);
          lastLine = info.lines;
          if (rows % PROGRESS_EVERY_ROWS === 0) report();
        }
      },
    );
  } catch (error) {
    if (error instanceof ImportSourceError) throw error;
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? lastLine + 1;
      throw new ImportFormatError(source.location, line, error.message);
    }
    throw new ImportSourceError(`Cannot read ${source.location}: ${(error as Error).message}`);
  }
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
