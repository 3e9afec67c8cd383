/** An import source that cannot be read as a whole: a folder that is missing or lacks files the reader needs. */
export class ImportSourceError extends Error {
  override name = 'ImportSourceError';
}

/** A file of an import source that does not parse, named with the line a person can look at. */
export class ImportFormatError extends ImportSourceError {
  override name = 'ImportFormatError';

  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}, line ${line}: ${reason}`);
  }
}
