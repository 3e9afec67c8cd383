/** What one committed change of the graph did to one role, skill, tool or relationship. */
export interface ChangedItem {
  /** `Role`, `Skill` or `Tool` for an entity; the relationship type (`REQUIRES`, `USES`, …) for a relationship. */
  kind: string;
  /** The entity's key; for a relationship, `<from key>-><to key>`. */
  key: string;
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
}

/**
 * A new version of the graph. `changes` lists what changed when this process wrote it (a mutation); it is
 * null when the change was seen from outside (a seed or an import by another process), whose details this
 * process does not know.
 */
export interface GraphChangedEvent {
  version: string;
  changedAt: string;
  changes: ChangedItem[] | null;
}

type Listener = (event: GraphChangedEvent) => void;

/**
 * How many versions the feed remembers as announced. Versions are never reused, so only a recent one can come
 * again: a write's own announcement and the version watch's read of the same version, in either order.
 */
const REMEMBERED_VERSIONS = 100;

/**
 * The one place new graph versions are announced in this process: the write path publishes after its
 * transaction commits, the version watch when it sees a version it did not write; subscribers (the
 * `graphChanged` subscription, caches) listen. A version is announced once, whoever sees it first.
 */
export class GraphChangeFeed {
  private readonly listeners = new Map<Listener, (() => void) | undefined>();
  /** In the order first seen, oldest first: a Set iterates in insertion order. */
  private readonly knownVersions = new Set<string>();
  private closed = false;

  publish(event: GraphChangedEvent): void {
    if (this.closed || !this.remember(event.version)) return;
    for (const listener of this.listeners.keys()) listener(event);
  }

  /**
   * Takes `version` as current without announcing it: the version the watch finds when it starts, which
   * is where subscribers begin, not a change.
   */
  recordBaseline(version: string): void {
    this.remember(version);
  }

  /**
   * Calls `listener` with every later event, and `onClose` once when the feed closes (at once if it already
   * has); returns the function that stops both.
   */
  listen(listener: Listener, onClose?: () => void): () => void {
    if (this.closed) {
      onClose?.();
      return () => {};
    }
    this.listeners.set(listener, onClose);
    return () => this.listeners.delete(listener);
  }

  /** Ends every listener's stream and announces nothing more: the process is stopping. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const onCloses = [...this.listeners.values()];
    this.listeners.clear();
    for (const onClose of onCloses) onClose?.();
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** False when `version` was already announced or taken as the baseline. */
  private remember(version: string): boolean {
    if (this.knownVersions.has(version)) return false;
    this.knownVersions.add(version);
    if (this.knownVersions.size > REMEMBERED_VERSIONS) {
      const oldest = this.knownVersions.values().next().value as string;
      this.knownVersions.delete(oldest);
    }
    return true;
  }
}
