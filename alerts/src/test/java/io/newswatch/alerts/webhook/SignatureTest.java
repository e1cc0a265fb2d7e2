package io.newswatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A subscriber checks the signature with its own HMAC-SHA256: ours must be the standard one, so
 * it is checked against the published test vectors of RFC 4231, not against itself.
 */
class SignatureTest {
  @Test
  void isTheHexHmacSha256OfRfc4231() {
    // RFC 4231, test case 2: key "Jefe"
    assertThat(Signature.of("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // RFC 4231, test case 1: a key of twenty 0x0b bytes
    assertThat(Signature.of("\u000b".repeat(20), "Hi There".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("sha256=b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }

  /** A secret beyond ASCII is keyed by its UTF-8 bytes, as a subscriber's {@code secret.encode()} does. */
  @Test
  void aSecretIsKeyedByItsUtf8Bytes() {
    // Python: hmac.new("clé".encode(), body, hashlib.sha256).hexdigest()
    assertThat(Signature.of("clé", "{\"alertId\":\"a1\"}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha256=61974c4e0a3496f15dcb47e40a144d167d3e38ae3544b27defb4839605758541");
  }
}
