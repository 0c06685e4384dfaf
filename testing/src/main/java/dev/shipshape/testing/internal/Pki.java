package dev.shipshape.testing.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates of a local control plane: a CA, the API server's serving certificate (SAN 127.0.0.1 and the
 * in-cluster names) and client certificates whose common name is the user and whose organizations are the groups,
 * which is how kube-apiserver's x509 authenticator reads them. One RSA key pair serves every client certificate: a
 * key is not an identity, the signed certificate is. The other keys are EC P-256, quick to generate.
 */
public final class Pki {
  private static final Duration VALIDITY = Duration.ofDays(365);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair caKeys;
  private final X509Certificate ca;
  private final KeyPair clientKeys;

  private Pki(KeyPair caKeys, X509Certificate ca, KeyPair clientKeys) {
    this.caKeys = caKeys;
    this.ca = ca;
    this.clientKeys = clientKeys;
  }

  /** A new CA and client key pair. */
  public static Pki generate() {
    KeyPair caKeys = newKeyPair();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "shipshape-local-ca").build();
    X509Certificate ca = sign(subject, caKeys.getPublic(), subject, caKeys.getPrivate(), true, null, List.of());
    try {
      // RSA: the key type every client reads from a kubeconfig (fabric8 assumes RSA there).
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048, RANDOM);
      return new Pki(caKeys, ca, rsa.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate RSA keys", e);
    }
  }

  /** A fresh EC P-256 key pair, e.g. for signing ServiceAccount tokens. */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate EC keys", e);
    }
  }

  /** The CA certificate, PEM. */
  public String caPem() {
    return pem(ca);
  }

  /** The CA's private key, PEM (the controller-manager signs cluster certificates with it). */
  public String caKeyPem() {
    return pem(caKeys.getPrivate());
  }

  /** The client key, PEM (PKCS#8). */
  public String clientKeyPem() {
    return pem(clientKeys.getPrivate());
  }

  /** A serving certificate for 127.0.0.1, ::1, localhost and the in-cluster names of the API server, PEM. */
  public String servingCertificatePem(KeyPair keys) {
    List<GeneralName> names = List.of(new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.iPAddress, "::1"), new GeneralName(GeneralName.iPAddress, "10.96.0.1"),
        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.dNSName, "kubernetes"),
        new GeneralName(GeneralName.dNSName, "kubernetes.default"),
        new GeneralName(GeneralName.dNSName, "kubernetes.default.svc"),
        new GeneralName(GeneralName.dNSName, "kubernetes.default.svc.cluster.local"));
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "kube-apiserver").build();
    return pem(sign(subject, keys.getPublic(), issuer(), caKeys.getPrivate(), false, KeyPurposeId.id_kp_serverAuth,
        names));
  }

  /** A client certificate for this user and groups, for the client key, PEM. */
  public String clientCertificatePem(String user, List<String> groups) {
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
    for (String group : groups) subject.addRDN(BCStyle.O, group);
    subject.addRDN(BCStyle.CN, user);
    return pem(sign(subject.build(), clientKeys.getPublic(), issuer(), caKeys.getPrivate(), false,
        KeyPurposeId.id_kp_clientAuth, List.of()));
  }

  /** A key (PKCS#8) or certificate, PEM. */
  public static String pem(Object keyOrCertificate) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(keyOrCertificate instanceof PrivateKey key
          ? new JcaPKCS8Generator(key, null).generate() : keyOrCertificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private X500Name issuer() {
    return X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
  }

  private static X509Certificate sign(X500Name subject, PublicKey publicKey, X500Name issuer, PrivateKey signer,
      boolean authority, KeyPurposeId purpose, List<GeneralName> alternativeNames) {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs(),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, publicKey);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(authority
          ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
          : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      if (purpose != null) builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (!alternativeNames.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
      }
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (IOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate for " + subject, e);
    }
  }
}
