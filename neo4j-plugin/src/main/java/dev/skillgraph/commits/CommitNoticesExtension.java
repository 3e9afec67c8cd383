package dev.skillgraph.commits;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListener;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.ExtensionType;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.kernel.lifecycle.LifecycleAdapter;

/** Counts every database's commits from its start, before any client can write to it. */
public class CommitNoticesExtension extends ExtensionFactory<CommitNoticesExtension.Dependencies> {
  public interface Dependencies {
    GraphDatabaseAPI graphDatabaseAPI();

    DatabaseManagementService databaseManagementService();
  }

  public CommitNoticesExtension() {
    super(ExtensionType.DATABASE, "skillgraphCommitNotices");
  }

  @Override
  public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
    String database = dependencies.graphDatabaseAPI().databaseName();
    // Neo4j refuses listeners on the system database, which holds no graph anyway.
    if (GraphDatabaseSettings.SYSTEM_DATABASE_NAME.equals(database)) return new LifecycleAdapter();
    DatabaseManagementService management = dependencies.databaseManagementService();
    return new LifecycleAdapter() {
      private CommitNotices notices;
      private TransactionEventListener<Void> listener;

      @Override
      public void start() {
        notices = CommitNotices.open(database);
        CommitNotices counted = notices;
        listener = new TransactionEventListener<>() {
          @Override
          public Void beforeCommit(TransactionData data, org.neo4j.graphdb.Transaction transaction, GraphDatabaseService db) {
            return null;
          }

          @Override
          public void afterCommit(TransactionData data, Void state, GraphDatabaseService db) {
            counted.committed();
          }

          @Override
          public void afterRollback(TransactionData data, Void state, GraphDatabaseService db) {}
        };
        management.registerTransactionEventListener(database, listener);
      }

      @Override
      public void stop() {
        management.unregisterTransactionEventListener(database, listener);
        CommitNotices.close(database, notices);
      }
    };
  }
}
