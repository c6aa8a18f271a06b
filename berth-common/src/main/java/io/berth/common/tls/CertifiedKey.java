package io.berth.common.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate chain and its private key, read from PEM as Go's {@code tls.X509KeyPair} reads
 * them, with its error messages: the key's PEM block is the first whose type ends in
 * {@code PRIVATE KEY}, and the key must match the first certificate.
 */
public record CertifiedKey(List<X509Certificate> chain, PrivateKey key) {

  public static CertifiedKey parse(byte[] certPem, byte[] keyPem) throws TlsException {
    List<byte[]> certs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Pem.Block block : Pem.decode(certPem)) {
      if (block.type().equals("CERTIFICATE")) {
        certs.add(block.bytes());
      } else {
        skipped.add(block.type());
      }
    }
    if (certs.isEmpty()) {
      if (skipped.isEmpty()) {
        throw new TlsException("tls: failed to find any PEM data in certificate input");
      }
      if (skipped.size() == 1 && skipped.getFirst().endsWith("PRIVATE KEY")) {
        throw new TlsException("tls: failed to find certificate PEM data in certificate input, but did find a private key;"
            + " PEM inputs may have been switched");
      }
      throw new TlsException("tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks"
          + " of the following types: " + goList(skipped));
    }
    Pem.Block keyBlock = keyBlock(keyPem);
    List<X509Certificate> chain = new ArrayList<>();
    for (byte[] der : certs) {
      chain.add(certificate(der));
    }
    PrivateKey key = PrivateKeys.parse(keyBlock.bytes());
    checkMatch(chain.getFirst().getPublicKey(), key);
    return new CertifiedKey(List.copyOf(chain), key);
  }

  private static Pem.Block keyBlock(byte[] keyPem) throws TlsException {
    List<String> skipped = new ArrayList<>();
    for (Pem.Block block : Pem.decode(keyPem)) {
      if (block.type().equals("PRIVATE KEY") || block.type().endsWith(" PRIVATE KEY")) {
        return block;
      }
      skipped.add(block.type());
    }
    if (skipped.isEmpty()) {
      throw new TlsException("tls: failed to find any PEM data in key input");
    }
    if (skipped.size() == 1 && skipped.getFirst().equals("CERTIFICATE")) {
      throw new TlsException("tls: found a certificate rather than a key in the PEM for the private key");
    }
    throw new TlsException("tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after skipping"
        + " PEM blocks of the following types: " + goList(skipped));
  }

  /** One DER certificate; Go's x509 parser reports any damage as a malformed certificate. */
  static X509Certificate certificate(byte[] der) throws TlsException {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new TlsException("x509: malformed certificate", e);
    }
  }

  private static void checkMatch(PublicKey pub, PrivateKey key) throws TlsException {
    String signature;
    if (pub instanceof RSAPublicKey rsa) {
      if (!(key instanceof RSAPrivateKey priv)) {
        throw new TlsException("tls: private key type does not match public key type");
      }
      if (!rsa.getModulus().equals(priv.getModulus())) {
        throw new TlsException("tls: private key does not match public key");
      }
      return;
    } else if (pub instanceof ECPublicKey) {
      if (!(key instanceof ECPrivateKey)) {
        throw new TlsException("tls: private key type does not match public key type");
      }
      signature = "SHA256withECDSA";
    } else if (pub instanceof EdECPublicKey) {
      if (!(key instanceof EdECPrivateKey)) {
        throw new TlsException("tls: private key type does not match public key type");
      }
      signature = pub.getAlgorithm();
    } else {
      throw new TlsException("tls: unknown public key algorithm");
    }
    // The JDK does not derive an EC public point from the private scalar: prove the pair by use.
    byte[] probe = "berth key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(signature);
      signer.initSign(key);
      signer.update(probe);
      byte[] signed = signer.sign();
      Signature verifier = Signature.getInstance(signature);
      verifier.initVerify(pub);
      verifier.update(probe);
      if (!verifier.verify(signed)) {
        throw new TlsException("tls: private key does not match public key");
      }
    } catch (GeneralSecurityException e) {
      throw new TlsException("tls: private key does not match public key", e);
    }
  }

  /** Go's %v of a []string: {@code [A B]}. */
  static String goList(List<String> items) {
    return "[" + String.join(" ", items) + "]";
  }
}
