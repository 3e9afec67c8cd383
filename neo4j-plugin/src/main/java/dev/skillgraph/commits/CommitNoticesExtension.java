package dev.skillgraph.commits;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListener;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.ExtensionType;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.impl.factory.DbmsInfo;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.kernel.lifecycle.LifecycleAdapter;

/**
 * Counts every database's commits from its start, before any client can write to it. Only on Neo4j
 * Community, a single server: on a cluster, listeners run only where a transaction commits, and a
 * subscriber reading from another member would never hear of it.
 */
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
    if (GraphDatabaseSettings.SYSTEM_DATABASE_NAME.equals(database) || context.dbmsInfo() != DbmsInfo.COMMUNITY) {
      return new LifecycleAdapter();
    }
    DatabaseManagementService management = dependencies.databaseManagementService();
    return new LifecycleAdapter() {
      private CommitNotices notices;
      private TransactionEventListener<Boolean> listener;

      @Override
      public void start() {
        CommitNotices counted = CommitNotices.open(database);
        notices = counted;
        listener = new TransactionEventListener<>() {
          @Override
          public Boolean beforeCommit(TransactionData data, Transaction transaction, GraphDatabaseService db) {
            counted.beforeCommit();
            return Boolean.TRUE;
          }

          @Override
          public void afterCommit(TransactionData data, Boolean state, GraphDatabaseService db) {
            if (state != null) counted.afterCommitOrRollback();
          }

          @Override
          public void afterRollback(TransactionData data, Boolean state, GraphDatabaseService db) {
            if (state != null) counted.afterCommitOrRollback();
          }
        };
        management.registerTransactionEventListener(database, listener);
      }

      @Override
      public void stop() {
        try {
          if (listener != null) management.unregisterTransactionEventListener(database, listener);
        } finally {
          if (notices != null) CommitNotices.close(database, notices);
        }
      }
    };
  }
}
