package io.berth.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import org.junit.jupiter.api.Test;

/** Fixtures in src/test/resources/tls were written by openssl 3 (genrsa -traditional, ecparam -genkey, genpkey). */
class CertifiedKeyTest {
  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = CertifiedKeyTest.class.getResourceAsStream("/tls/" + name)) {
      return in.readAllBytes();
    }
  }

  private static String error(byte[] cert, byte[] key) {
    return assertThrows(TlsException.class, () -> CertifiedKey.parse(cert, key)).getMessage();
  }

  @Test
  void readsEveryKeyFormatOpensslWrites() throws Exception {
    assertTrue(CertifiedKey.parse(fixture("rsa.crt"), fixture("rsa-pkcs1.key")).key() instanceof RSAPrivateKey);
    assertTrue(CertifiedKey.parse(fixture("rsa.crt"), fixture("rsa-pkcs8.key")).key() instanceof RSAPrivateKey);
    // ecparam -genkey writes an EC PARAMETERS block first: it is skipped, as Go skips it.
    assertTrue(CertifiedKey.parse(fixture("ec.crt"), fixture("ec-sec1.key")).key() instanceof ECPrivateKey);
    assertTrue(CertifiedKey.parse(fixture("ec.crt"), fixture("ec-pkcs8.key")).key() instanceof ECPrivateKey);
    assertTrue(CertifiedKey.parse(fixture("ed25519.crt"), fixture("ed25519.key")).key() instanceof EdECPrivateKey);
    CertifiedKey rsa = CertifiedKey.parse(fixture("rsa.crt"), fixture("rsa-pkcs1.key"));
    assertEquals("CN=rsa", rsa.chain().getFirst().getSubjectX500Principal().getName());
  }

  @Test
  void mismatchesUseGoWording() throws Exception {
    assertEquals("tls: private key type does not match public key type", error(fixture("rsa.crt"), fixture("ec-sec1.key")));
    assertEquals("tls: private key type does not match public key type", error(fixture("ec.crt"), fixture("ed25519.key")));
    assertEquals("tls: private key does not match public key", error(fixture("ec.crt"), fixture("ec-other.key")));
  }

  @Test
  void missingOrSwappedBlocksUseGoWording() throws Exception {
    assertEquals("tls: failed to find any PEM data in certificate input", error("junk".getBytes(), fixture("rsa-pkcs1.key")));
    assertEquals("tls: failed to find certificate PEM data in certificate input, but did find a private key;"
        + " PEM inputs may have been switched", error(fixture("rsa-pkcs1.key"), fixture("rsa.crt")));
    assertEquals("tls: found a certificate rather than a key in the PEM for the private key",
        error(fixture("rsa.crt"), fixture("rsa.crt")));
    assertEquals("tls: failed to find any PEM data in key input", error(fixture("rsa.crt"), new byte[0]));
    assertEquals("tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after skipping PEM blocks"
        + " of the following types: [EC PARAMETERS]", error(fixture("ec.crt"), "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n".getBytes()));
  }

  @Test
  void encryptedKeysAreRefused() throws Exception {
    byte[] key = fixture("rsa-encrypted.key");
    assertTrue(Pem.decode(key).getFirst().legacyEncrypted());
    assertEquals("tls: failed to parse private key", error(fixture("rsa.crt"), key));
  }

  @Test
  void caFilesKeepOnlyCertificates() throws Exception {
    String bundle = "comment line\n" + new String(fixture("rsa.crt"), StandardCharsets.US_ASCII)
        + new String(fixture("ec-sec1.key"), StandardCharsets.US_ASCII) + new String(fixture("ec.crt"), StandardCharsets.US_ASCII);
    assertEquals(2, CertPool.parse(bundle.getBytes(StandardCharsets.US_ASCII)).size());
    assertTrue(CertPool.parse("not a pem".getBytes()).isEmpty());
  }

  @Test
  void pemSkipsMalformedBlocksAndKeepsHeaders() {
    String text = "-----BEGIN X-----\n!!notbase64\n-----END X-----\n-----BEGIN Y-----\nA: b\n\nAAEC\n-----END Y-----\n";
    var blocks = Pem.decode(text.getBytes(StandardCharsets.US_ASCII));
    assertEquals(1, blocks.size());
    assertEquals("Y", blocks.getFirst().type());
    assertEquals("b", blocks.getFirst().headers().get("A"));
    assertEquals(3, blocks.getFirst().bytes().length);
  }
}
