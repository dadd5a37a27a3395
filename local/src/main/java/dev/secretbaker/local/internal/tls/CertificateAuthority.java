package dev.secretbaker.local.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

/**
 * The emulator's own certificate authority: an RSA-2048 root that signs a server certificate for the names the
 * emulator answers on (RSA-2048 and SHA-256 with RSA, as AWS's own KMS endpoints present). Certificates are
 * built from Bouncy Castle's ASN.1 types (already on the classpath through the Encryption SDK) and signed with
 * the JDK's {@link Signature}; the JDK parses the result, so what a client sees is a standard X.509 v3 chain.
 */
public final class CertificateAuthority {

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(365);
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    private static final AlgorithmIdentifier SHA256_WITH_RSA =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final X509Certificate certificate;

    private CertificateAuthority(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new root, valid from an hour ago for ten years. */
    public static CertificateAuthority generate(Instant now) {
        KeyPair keys = KeyPairs.CA;
        X500Name name = new X500Name("CN=secret-baker local CA " + Long.toHexString(RANDOM.nextLong() >>> 1)
                + ", O=secret-baker local AWS emulator");
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        try {
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            extensions.addExtension(Extension.subjectKeyIdentifier, false, keyIdentifier(keys.getPublic()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        X509Certificate certificate = sign(name, name, keys.getPublic(), keys.getPrivate(), now, CA_VALIDITY, extensions);
        return new CertificateAuthority(keys, certificate);
    }

    /** The root kept in a state file: its certificate and its PKCS #8 private key. */
    public static CertificateAuthority restore(byte[] certificateDer, byte[] privateKeyPkcs8) {
        try {
            X509Certificate certificate = parse(certificateDer);
            PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(privateKeyPkcs8));
            return new CertificateAuthority(new KeyPair(certificate.getPublicKey(), privateKey), certificate);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not a certificate authority written by this emulator: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public byte[] privateKeyPkcs8() {
        return keys.getPrivate().getEncoded();
    }

    /** A server certificate for these DNS names and IP addresses, signed by this root. */
    public ServerIdentity issueServerCertificate(List<String> dnsNames, List<String> ipAddresses, Instant now) {
        KeyPair serverKeys = KeyPairs.SERVER;
        String commonName = dnsNames.isEmpty() ? ipAddresses.get(0) : dnsNames.get(0);
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        try {
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            extensions.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            extensions.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            GeneralName[] names = new GeneralName[dnsNames.size() + ipAddresses.size()];
            int i = 0;
            for (String dns : dnsNames) {
                names[i++] = new GeneralName(GeneralName.dNSName, dns);
            }
            for (String ip : ipAddresses) {
                names[i++] = new GeneralName(GeneralName.iPAddress, ip);
            }
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            extensions.addExtension(Extension.subjectKeyIdentifier, false, keyIdentifier(serverKeys.getPublic()));
            extensions.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(keyIdentifier(keys.getPublic()).getKeyIdentifier()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        X509Certificate server = sign(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                new X500Name("CN=" + commonName + ", O=secret-baker local AWS emulator"), serverKeys.getPublic(),
                keys.getPrivate(), now, SERVER_VALIDITY, extensions);
        return new ServerIdentity(serverKeys.getPrivate(), List.of(server, certificate));
    }

    private static X509Certificate sign(X500Name issuer, X500Name subject, PublicKey subjectKey, PrivateKey issuerKey,
            Instant now, Duration validity, ExtensionsGenerator extensions) {
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(127, RANDOM).add(BigInteger.ONE)));
        tbs.setIssuer(issuer);
        tbs.setSubject(subject);
        tbs.setStartDate(new Time(Date.from(now.minus(CLOCK_SKEW))));
        tbs.setEndDate(new Time(Date.from(now.plus(validity))));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()));
        tbs.setSignature(SHA256_WITH_RSA);
        tbs.setExtensions(extensions.generate());
        TBSCertificate toSign = tbs.generateTBSCertificate();
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(issuerKey);
            signature.update(toSign.getEncoded());
            ASN1EncodableVector certificate = new ASN1EncodableVector();
            certificate.add(toSign);
            certificate.add(SHA256_WITH_RSA);
            certificate.add(new DERBitString(signature.sign()));
            return parse(new DERSequence(certificate).getEncoded());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot sign a certificate: " + e.getMessage(), e);
        }
    }

    private static X509Certificate parse(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    /** RFC 5280's method 1: the SHA-1 of the subjectPublicKey bits. */
    private static SubjectKeyIdentifier keyIdentifier(PublicKey key) {
        try {
            byte[] bits = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
            return new SubjectKeyIdentifier(java.security.MessageDigest.getInstance("SHA-1").digest(bits));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * RSA-2048 key pairs take a second or more to generate on a busy machine, and tests start many emulators: each
     * JVM generates one pair for roots and one for servers, on first use. Every root still has its own name and
     * certificate, so a client that trusts one emulator's root trusts no other emulator's server.
     */
    private static final class KeyPairs {
        static final KeyPair CA = rsaKeyPair();
        static final KeyPair SERVER = rsaKeyPair();
    }

    /** A server's private key and its chain, server certificate first. */
    public record ServerIdentity(PrivateKey privateKey, List<X509Certificate> chain) {
    }
}
