package dev.skillgraph.commits;

import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

public class AwaitCommitProcedure {
  @Context
  public GraphDatabaseService db;

  public static class CommitCount {
    public final String instance;
    public final long events;
    public final long pending;

    public CommitCount(String instance, long events, long pending) {
      this.instance = instance;
      this.events = events;
      this.pending = pending;
    }
  }

  @Procedure(name = "skillgraph.awaitCommit", mode = Mode.READ)
  @Description(
      "Acknowledges `seen` commit events of `instance` for `subscriber`, holds later commits back for up to `leaseMs` "
          + "until it acknowledges them (0 gives the lease back), and waits up to `waitMs` for an event it has not seen.")
  public Stream<CommitCount> awaitCommit(
      @Name("subscriber") String subscriber,
      @Name("instance") String instance,
      @Name("seen") long seen,
      @Name("leaseMs") long leaseMs,
      @Name("waitMs") long waitMs)
      throws InterruptedException {
    if (subscriber == null || subscriber.isEmpty()) throw new IllegalArgumentException("subscriber must not be empty");
    if (leaseMs < 0 || leaseMs > CommitNotices.MAX_LEASE_MS) {
      throw new IllegalArgumentException("leaseMs must be between 0 and " + CommitNotices.MAX_LEASE_MS + ", not " + leaseMs);
    }
    if (waitMs < 0 || waitMs > CommitNotices.MAX_WAIT_MS) {
      throw new IllegalArgumentException("waitMs must be between 0 and " + CommitNotices.MAX_WAIT_MS + ", not " + waitMs);
    }
    CommitNotices notices = CommitNotices.of(db.databaseName());
    if (notices == null) {
      throw new IllegalStateException(
          "skillgraph.awaitCommit is unavailable for " + db.databaseName() + ": it runs on a single Neo4j Community server");
    }
    CommitNotices.Count count = notices.await(subscriber, instance, seen, leaseMs, waitMs);
    return Stream.of(new CommitCount(count.instance(), count.events(), count.pending()));
  }
}
