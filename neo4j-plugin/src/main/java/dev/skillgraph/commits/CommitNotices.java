package dev.skillgraph.commits;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One database's commit events and the services that lease notice of them.
 *
 * Every write transaction makes two events: one as it is about to commit (before its changes become
 * visible), one once it has committed or rolled back; between the two it is pending. A subscriber's call
 * acknowledges the events it has seen and renews its lease for {@code leaseMs} from when the call arrived.
 * A transaction does not commit until every subscriber that held a lease at its first event has
 * acknowledged that event, or that lease has run out.
 *
 * So a subscriber that has seen no pending transaction, and no event since what it read, within the lease
 * of a call it sent, knows that no write has become visible to anyone since: it may trust what it read.
 */
final class CommitNotices {
  static final long MAX_LEASE_MS = 2_000;
  static final long MAX_WAIT_MS = 10_000;
  static final int MAX_SUBSCRIBERS = 256;

  private static final Map<String, CommitNotices> BY_DATABASE = new ConcurrentHashMap<>();

  /** Changes at every start of the database, so that a subscriber never mistakes a new count for its old one. */
  final String instance = UUID.randomUUID().toString();

  private final Map<String, Lease> leases = new HashMap<>();
  private long events;
  private long pending;
  private boolean closed;

  private static final class Lease {
    long acknowledged = -1;
    long expiresAtNanos;
  }

  /** What a subscriber is told: the events so far, and how many transactions are between their two events. */
  record Count(String instance, long events, long pending) {}

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
   * Records that {@code subscriber} has seen {@code seen} events of {@code seenInstance} (another instance
   * counts as none), renews its lease ({@code leaseMs} 0 gives it back), and waits up to {@code waitMs} for
   * an event it has not seen.
   */
  synchronized Count await(String subscriber, String seenInstance, long seen, long leaseMs, long waitMs)
      throws InterruptedException {
    long now = System.nanoTime();
    leases.values().removeIf(lease -> lease.expiresAtNanos - now <= 0);
    long acknowledged = instance.equals(seenInstance) ? Math.min(seen, events) : -1;
    if (leaseMs == 0) {
      Lease released = leases.remove(subscriber);
      if (released != null) released.expiresAtNanos = now;
    } else {
      Lease lease = leases.get(subscriber);
      if (lease == null) {
        if (leases.size() >= MAX_SUBSCRIBERS) {
          throw new IllegalStateException("skillgraph.awaitCommit has " + MAX_SUBSCRIBERS + " subscribers already");
        }
        lease = new Lease();
        leases.put(subscriber, lease);
      }
      lease.acknowledged = Math.max(lease.acknowledged, acknowledged);
      lease.expiresAtNanos = now + TimeUnit.MILLISECONDS.toNanos(leaseMs);
    }
    notifyAll();
    long deadline = now + TimeUnit.MILLISECONDS.toNanos(waitMs);
    while (!closed && events == acknowledged) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) break;
      TimeUnit.NANOSECONDS.timedWait(this, remaining);
    }
    return new Count(instance, events, pending);
  }

  /**
   * A transaction is about to commit: counts the event, then waits until every subscriber that holds a
   * lease now has acknowledged it, or until that lease runs out. Renewals do not extend the wait: a
   * subscriber whose calls arrive but whose answers never reach it cannot hold commits back for ever, and
   * it cannot trust what it read past that lease anyway (its next answer reports the event).
   */
  synchronized void beforeCommit() {
    long event = ++events;
    pending++;
    notifyAll();
    long now = System.nanoTime();
    Map<Lease, Long> waitingFor = new HashMap<>();
    for (Lease lease : leases.values()) {
      if (lease.acknowledged < event && lease.expiresAtNanos - now > 0) waitingFor.put(lease, lease.expiresAtNanos);
    }
    boolean interrupted = false;
    while (!closed && !waitingFor.isEmpty()) {
      long at = System.nanoTime();
      // Until the lease as it was at this event runs out, or sooner if it is given back.
      waitingFor.entrySet().removeIf(entry -> {
        Lease lease = entry.getKey();
        return lease.acknowledged >= event || entry.getValue() - at <= 0 || lease.expiresAtNanos - at <= 0;
      });
      if (waitingFor.isEmpty()) break;
      long until = at;
      for (long expiry : waitingFor.values()) if (expiry - until > 0) until = expiry;
      try {
        TimeUnit.NANOSECONDS.timedWait(this, until - at);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  /** The transaction counted by {@link #beforeCommit} has committed or rolled back: nobody waits for this one. */
  synchronized void afterCommitOrRollback() {
    events++;
    if (pending > 0) pending--;
    notifyAll();
  }
}
