/**
 * Data types shared across core: key handles, the signature engine interface, and the framework-free
 * shape of an HTTP exchange that the receiver pipeline consumes and produces.
 */
/** Where key material comes from: PEM/DER text or bytes, or a file path. */
export type KeyInput = string | Uint8Array | { path: string };

/** Unix time in whole seconds. */
export type UnixSeconds = number;

/** Returns the current Unix time in seconds; injectable so tests and the inspector can pin time. */
export type Clock = () => UnixSeconds;

/**
 * An RSA private key loaded once and reused for every signature. Opaque about the runtime: each engine keeps
 * its own parsed form (a `node:crypto` KeyObject, a WebCrypto CryptoKey) cached against the handle.
 */
export interface PrivateKeyHandle {
  readonly kind: 'private';
  /** PKCS#8 DER of the key: what every engine imports. */
  readonly pkcs8Der: Uint8Array;
  /** Modulus length in bits. */
  readonly bits: number;
  /** Where the key came from. */
  readonly source: 'pkcs8' | 'pkcs1' | 'pkcs12' | 'jwk' | 'generated';
  /** SHA-256 of the matching public key's SPKI DER, lower-case hex pairs joined by `:`. */
  readonly fingerprint: string;
}

/** An RSA public key loaded once and reused for every verification; opaque like {@link PrivateKeyHandle}. */
export interface PublicKeyHandle {
  readonly kind: 'public';
  /** SPKI DER of the key: what every engine imports. */
  readonly spkiDer: Uint8Array;
  readonly bits: number;
  /** SHA-256 of the SPKI DER, lower-case hex pairs joined by `:`. */
  readonly fingerprint: string;
}

/** An X.509 certificate, as the sender's `serial_no` comes from it. */
export interface CertificateInfo {
  /** Serial number as upper-case hex, leading zeros kept (protocol.md §5). */
  readonly serialNo: string;
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: PublicKeyHandle;
  /** The certificate re-encoded as PEM. */
  readonly pem: string;
}

/**
 * RSASSA-PKCS1-v1_5 with SHA-256 over bytes, signatures as standard padded Base64.
 * `verify` never throws for a malformed signature: it resolves `false` (protocol.md §4).
 */
export interface SignatureEngine {
  readonly name: 'node' | 'webcrypto' | 'forge';
  sign(key: PrivateKeyHandle, message: Uint8Array): Promise<string>;
  verify(key: PublicKeyHandle, message: Uint8Array, signature: string): Promise<boolean>;
}

/** Header values as Node's `IncomingMessage.headers` gives them (names in lower case), or a Fetch `Headers`. */
export type HeaderInput = Headers | Record<string, string | string[] | undefined>;

/** What an adapter hands the receiver: the request exactly as received. */
export interface ReceiverRequest {
  method: string;
  /** Path plus `?query` exactly as on the wire (host excluded, never re-encoded). */
  url: string;
  headers: HeaderInput;
  /** The raw body bytes: the only bytes the signature is checked over. */
  body: Uint8Array;
}

/** What the receiver hands back: adapters write exactly these bytes, status and headers. */
export interface ReceiverResponse {
  status: number;
  /** Header names in canonical case; always includes `Content-Length` and `Request-ID`. */
  headers: Record<string, string>;
  body: Uint8Array;
}
