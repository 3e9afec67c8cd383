package dev.skillgraph.commits;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One database's commit counter and the services that lease notice of its commits.
 *
 * A subscriber's call both acknowledges the commits it has seen and renews its lease for {@code leaseMs}
 * from when the call arrived. A commit is not reported to its writer (afterCommit blocks) until every
 * subscriber holding a lease has acknowledged it, or its lease has run out. So a subscriber that has heard
 * of no commit since a call it sent at time s, and whose lease from that call runs until s + leaseMs on
 * its own clock, knows that no write was acknowledged to anyone in between: it may trust what it read.
 */
final class CommitNotices {
  static final long MAX_LEASE_MS = 10_000;
  static final long MAX_WAIT_MS = 10_000;

  private static final Map<String, CommitNotices> BY_DATABASE = new ConcurrentHashMap<>();

  /** Changes at every start of the database, so that a subscriber never mistakes a new count for its old one. */
  final String instance = UUID.randomUUID().toString();

  private final Map<String, Lease> leases = new HashMap<>();
  private long commits;
  private boolean closed;

  private static final class Lease {
    long acknowledged = -1;
    long expiresAtNanos;
  }

  static CommitNotices open(String database) {
    CommitNotices notices = new CommitNotices();
    CommitNotices previous = BY_DATABASE.put(database, notices);
    if (previous != null) previous.close();
    return notices;
  }

  static CommitNotices of(String database) {
    return BY_DATABASE.get(database);
  }

  static void close(String database, CommitNotices notices) {
    BY_DATABASE.remove(database, notices);
    notices.close();
  }

  synchronized void close() {
    closed = true;
    notifyAll();
  }

  /**
   * Records that {@code subscriber} has seen {@code seen} commits of {@code instance} (a different instance
   * counts as none), renews its lease, and waits up to {@code waitMs} for a commit it has not seen.
   * Returns the count of commits, which differs from {@code seen} when there is news.
   */
  synchronized long await(String subscriber, String seenInstance, long seen, long leaseMs, long waitMs)
      throws InterruptedException {
    long now = System.nanoTime();
    long acknowledged = instance.equals(seenInstance) ? seen : -1;
    Lease lease = leases.computeIfAbsent(subscriber, key -> new Lease());
    lease.acknowledged = Math.max(lease.acknowledged, Math.min(acknowledged, commits));
    lease.expiresAtNanos = now + TimeUnit.MILLISECONDS.toNanos(leaseMs);
    notifyAll();
    long deadline = now + TimeUnit.MILLISECONDS.toNanos(waitMs);
    while (!closed && commits == acknowledged) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) break;
      TimeUnit.NANOSECONDS.timedWait(this, remaining);
    }
    return commits;
  }

  /**
   * Counts a commit, then waits until every subscriber that held a lease at that moment has acknowledged
   * it, or until that lease runs out. Renewals after the commit do not extend the wait: a subscriber whose
   * calls arrive but whose answers never reach it must not hold commits back for ever, and it cannot trust
   * what it read past that lease anyway (any later call of its own answers with the new count).
   */
  synchronized void committed() {
    long commit = ++commits;
    notifyAll();
    long now = System.nanoTime();
    Map<Lease, Long> pending = new HashMap<>();
    var entries = leases.values().iterator();
    while (entries.hasNext()) {
      Lease lease = entries.next();
      if (lease.expiresAtNanos - now <= 0) entries.remove();
      else if (lease.acknowledged < commit) pending.put(lease, lease.expiresAtNanos);
    }
    boolean interrupted = false;
    while (!closed && !pending.isEmpty()) {
      long at = System.nanoTime();
      pending.entrySet().removeIf(entry -> entry.getKey().acknowledged >= commit || entry.getValue() - at <= 0);
      long until = at;
      for (long expiry : pending.values()) if (expiry - until > 0) until = expiry;
      if (pending.isEmpty()) break;
      try {
        TimeUnit.NANOSECONDS.timedWait(this, until - at);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
