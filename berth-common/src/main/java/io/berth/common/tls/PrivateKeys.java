package io.berth.common.tls;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;

/**
 * A private key from DER bytes as Go's {@code tls.parsePrivateKey} finds it, whatever the PEM
 * type says: PKCS#1 RSA ({@code RSA PRIVATE KEY}), then PKCS#8 ({@code PRIVATE KEY}: RSA, EC,
 * Ed25519), then SEC1 EC ({@code EC PRIVATE KEY}, as {@code openssl ecparam -genkey} writes it).
 * The JDK reads only PKCS#8, so the other two are wrapped into it first.
 */
public final class PrivateKeys {
  private static final byte[] RSA_ALGORITHM = der(0x30, concat(
      der(0x06, new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01}),
      new byte[] {0x05, 0x00}));
  private static final byte[] EC_PUBLIC_KEY_OID =
      der(0x06, new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01});
  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  private PrivateKeys() {}

  public static PrivateKey parse(byte[] der) throws TlsException {
    PrivateKey key = generate("RSA", pkcs8(RSA_ALGORITHM, der));
    if (key != null) {
      return key;
    }
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      key = generate(algorithm, der);
      if (key != null) {
        return key;
      }
    }
    byte[] curve = sec1Curve(der);
    if (curve != null) {
      key = generate("EC", pkcs8(der(0x30, concat(EC_PUBLIC_KEY_OID, curve)), der));
      if (key != null) {
        return key;
      }
    }
    throw new TlsException("tls: failed to parse private key");
  }

  private static PrivateKey generate(String algorithm, byte[] pkcs8) {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING key }. */
  private static byte[] pkcs8(byte[] algorithm, byte[] key) {
    return der(0x30, concat(VERSION_0, algorithm, der(0x04, key)));
  }

  /**
   * The named-curve OID (a whole TLV) of a SEC1 ECPrivateKey ::= SEQUENCE { version 1,
   * OCTET STRING, [0] ECParameters OPTIONAL, [1] BIT STRING OPTIONAL }, or null.
   */
  static byte[] sec1Curve(byte[] der) {
    Der.Element outer = Der.read(der, 0);
    if (outer == null || outer.tag() != 0x30 || outer.end() != der.length) {
      return null;
    }
    int at = outer.contentStart();
    while (at < outer.end()) {
      Der.Element element = Der.read(der, at);
      if (element == null) {
        return null;
      }
      if (element.tag() == 0xa0) {
        Der.Element oid = Der.read(der, element.contentStart());
        return oid != null && oid.tag() == 0x06 ? Arrays.copyOfRange(der, element.contentStart(), oid.end()) : null;
      }
      at = element.end();
    }
    return null;
  }

  static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Just enough DER reading to walk one SEQUENCE: tag, length, where the content lies. */
  private static final class Der {
    record Element(int tag, int contentStart, int end) {}

    static Element read(byte[] der, int at) {
      if (at + 2 > der.length) {
        return null;
      }
      int tag = der[at] & 0xff;
      int first = der[at + 1] & 0xff;
      int start = at + 2;
      long length = first;
      if (first >= 0x80) {
        int count = first & 0x7f;
        if (count == 0 || count > 4 || start + count > der.length) {
          return null;
        }
        length = 0;
        for (int i = 0; i < count; i++) {
          length = (length << 8) | (der[start + i] & 0xff);
        }
        start += count;
      }
      long end = start + length;
      return end > der.length ? null : new Element(tag, start, (int) end);
    }
  }
}
