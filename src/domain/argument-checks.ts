import { BadUserInputError, LimitExceededError, type LimitName } from '../errors.js';

const LIMIT_WORDS: Partial<Record<LimitName, string>> = { pageSize: 'page size', hops: 'hop', paths: 'path' };

interface CountRule {
  max: number;
  limit: LimitName;
  /** The least the argument may be: 0 for page sizes, 1 (the default) for counts of hops and paths. */
  min?: 0 | 1;
  /** For a list argument: what it holds (`role`), said in the messages. */
  noun?: string;
}

/** A count argument (a page size, hops, paths, a list's length): below `min` is BAD_USER_INPUT, above `max` LIMIT_EXCEEDED. */
export function checkCount(argument: string, value: number, { max, limit, min = 1, noun }: CountRule): void {
  if (value < min) {
    const expected = noun
      ? `must name at least one ${noun}`
      : min === 0
        ? 'must not be negative'
        : 'must be at least 1';
    throw new BadUserInputError(`Argument "${argument}" ${expected}.`, argument);
  }
  if (value > max) {
    throw new LimitExceededError(
      limit,
      noun
        ? `Argument "${argument}" names ${value} ${noun}s; the limit is ${max}.`
        : `Argument "${argument}" is ${value}; the ${LIMIT_WORDS[limit] ?? limit} limit is ${max}.`,
      { max, actual: value },
    );
  }
}
