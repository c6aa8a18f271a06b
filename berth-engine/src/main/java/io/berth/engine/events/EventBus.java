package io.berth.engine.events;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Fans events out to subscribers and keeps the most recent ones, so that {@code since} can
 * replay the past as dockerd does (it keeps the last 256 in memory).
 */
public final class EventBus {
  private static final int HISTORY = 256;
  private final ArrayDeque<Event> history = new ArrayDeque<>();
  private final Set<BlockingQueue<Event>> subscribers = ConcurrentHashMap.newKeySet();

  public void publish(String type, String action, String actorId, Map<String, String> attributes) {
    Event event = new Event(type, action, actorId, Map.copyOf(attributes), Instant.now());
    synchronized (history) {
      if (history.size() == HISTORY) {
        history.removeFirst();
      }
      history.addLast(event);
      subscribers.forEach(q -> q.offer(event));
    }
  }

  /** A live feed plus the stored past, taken atomically so no event falls between them. */
  public Subscription subscribe() {
    BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    synchronized (history) {
      List<Event> past = List.copyOf(history);
      subscribers.add(queue);
      return new Subscription(past, queue, () -> subscribers.remove(queue));
    }
  }

  public record Subscription(List<Event> past, BlockingQueue<Event> live, Runnable cancel) implements AutoCloseable {
    @Override
    public void close() {
      cancel.run();
    }
  }
}
