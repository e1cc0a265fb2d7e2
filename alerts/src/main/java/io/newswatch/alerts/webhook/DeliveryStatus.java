package io.newswatch.alerts.webhook;

/**
 * What delivery to one subscription is doing, as {@code /ready} shows it.
 *
 * @param lag alerts on news.alerts this subscription has not been through yet (-1: not known)
 * @param lastFailure why the last alert was dead-lettered or the delivery last stopped (null: never)
 */
public record DeliveryStatus(String subscription, String target, State state, long lag, long delivered,
    long deadLettered, long restarts, String lastFailure) {

  public enum State {
    /** Finding where to start, not delivering yet. */
    STARTING,
    /** Delivering; the last alert that was due reached the subscriber (or none was due yet). */
    DELIVERING,
    /** Delivering, but the last alert that was due was dead-lettered: the subscriber did not take it. */
    FAILING,
    /** Stopped on an error, started again shortly; nothing was committed past what was delivered. */
    RESTARTING
  }
}
