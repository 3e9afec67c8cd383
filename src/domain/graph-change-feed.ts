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
 * The one place new graph versions are announced in this process: the write path publishes after its
 * transaction commits, the version watch when it sees a version it did not write; subscribers (the
 * `graphChanged` subscription, caches) listen. A version is announced once, whoever sees it first.
 */
export class GraphChangeFeed {
  private readonly listeners = new Set<Listener>();
  private lastVersion: string | undefined;

  publish(event: GraphChangedEvent): void {
    if (event.version === this.lastVersion) return;
    this.lastVersion = event.version;
    for (const listener of this.listeners) listener(event);
  }

  /** Calls `listener` with every later event; returns the function that stops it. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
