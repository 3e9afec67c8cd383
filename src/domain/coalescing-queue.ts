/**
 * An async iterator of values pushed to it that holds at most one value its reader has not taken: a value
 * pushed while another waits is merged into it (`merge(waiting, pushed)`), so a reader that falls behind
 * gets one value standing for all it missed, and memory stays bounded however slow it is.
 *
 * `end()` lets the reader take what waits, then finishes; `return()` (the reader leaving) finishes at once
 * and calls `onReturn`.
 */
export class CoalescingQueue<T> implements AsyncIterableIterator<T> {
  #waiting: { value: T } | undefined;
  #readers: ((result: IteratorResult<T, undefined>) => void)[] = [];
  #ended = false;
  #returned = false;

  constructor(
    private readonly merge: (waiting: T, pushed: T) => T,
    private readonly onReturn: () => void = () => {},
  ) {}

  push(value: T): void {
    if (this.#ended) return;
    const reader = this.#readers.shift();
    if (reader) reader({ value, done: false });
    else this.#waiting = { value: this.#waiting ? this.merge(this.#waiting.value, value) : value };
  }

  /** No more values: the reader takes the one waiting, if any, then the iterator is done. */
  end(): void {
    this.#ended = true;
    for (const reader of this.#readers.splice(0)) reader({ value: undefined, done: true });
  }

  /** Whether a value waits for the reader. */
  get holding(): boolean {
    return this.#waiting !== undefined;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      return Promise.resolve({ value: waiting.value, done: false });
    }
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.#readers.push(resolve));
  }

  return(): Promise<IteratorResult<T, undefined>> {
    this.#waiting = undefined;
    this.end();
    if (!this.#returned) {
      this.#returned = true;
      this.onReturn();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
