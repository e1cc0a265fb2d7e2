package io.newswatch.alerts.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.newswatch.avro.Alert;
import io.newswatch.avro.PayloadFormat;
import io.newswatch.schemas.AvroJson;

/** The body POSTed for an alert: the alert as JSON, or a Slack-compatible message. */
public final class Payloads {
  private Payloads() {}

  public static String of(Alert alert, PayloadFormat format) {
    if (format == PayloadFormat.SLACK) {
      StringBuilder text = new StringBuilder("*" + alert.getLevel() + "* " + slackEscape(alert.getSummary()));
      alert.getEvidence().stream().limit(3).forEach(e -> text.append("\n• ").append(e.getUrl() == null
          ? slackEscape(e.getTitle())
          : "<" + e.getUrl() + "|" + slackEscape(e.getTitle()).replace("|", "/") + ">"));
      return JsonNodeFactory.instance.objectNode().put("text", text.toString()).toString();
    }
    return AvroJson.toJsonLine(alert);
  }

  /** Slack reads &lt; &gt; &amp; as markup: article text must not become a link or a mention. */
  private static String slackEscape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
