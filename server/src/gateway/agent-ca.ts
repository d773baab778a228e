import 'reflect-metadata';
import { createPrivateKey, X509Certificate as NodeX509, randomBytes, webcrypto } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import type { Logger } from 'pino';

x509.cryptoProvider.set(webcrypto as never);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
const CA_VALIDITY_DAYS = 20 * 365;
const GATEWAY_VALIDITY_DAYS = 397;
/** A certificate with less left than this is replaced at start, long before agents would refuse it. */
const RENEW_BEFORE_DAYS = 30;

/** The files of the agent channel's private CA, in `<data dir>/tls`. */
export interface AgentCaFiles {
  dir: string;
  caFile: string;
  caKeyFile: string;
  certFile: string;
  keyFile: string;
}

export interface AgentCa extends AgentCaFiles {
  /** What happened to the gateway certificate at this start. */
  gatewayCertificate: 'reused' | 'issued';
  caCreated: boolean;
  /** The gateway certificate's subject alternative names, as issued. */
  names: string[];
  /** Hex SHA-256 of the CA certificate (DER), what install commands pin. */
  caFingerprint: string;
}

export function agentCaFiles(dataDir: string): AgentCaFiles {
  const dir = path.join(dataDir, 'tls');
  return {
    dir,
    caFile: path.join(dir, 'ca.pem'),
    caKeyFile: path.join(dir, 'ca-key.pem'),
    certFile: path.join(dir, 'gateway.pem'),
    keyFile: path.join(dir, 'gateway-key.pem'),
  };
}

/** The names agents may use to reach this gateway: loopback, this machine's name, and the configured ones. */
export function gatewayNames(extra: string[]): string[] {
  return canonicalNames(['localhost', '127.0.0.1', '::1', os.hostname(), ...extra]);
}

/** Hex SHA-256 of a PEM certificate's DER bytes (the form `--ca-sha256` takes, colons optional). */
export function certificateFingerprint(pem: string | Buffer): string {
  return new NodeX509(pem).fingerprint256.replaceAll(':', '').toLowerCase();
}

/**
 * Creates on the first start, and reuses afterwards, a private CA and the gateway's server
 * certificate signed by it. The CA outlives every gateway certificate, so agents that pinned it
 * at install keep trusting the gateway when its certificate is re-issued for new names or age.
 */
export async function ensureAgentCa(opts: { dataDir: string; hostnames: string[]; log?: Logger; now?: Date }): Promise<AgentCa> {
  const files = agentCaFiles(opts.dataDir);
  const now = opts.now ?? new Date();
  const names = gatewayNames(opts.hostnames);
  fs.mkdirSync(files.dir, { recursive: true, mode: 0o700 });

  let caCreated = false;
  if (!fs.existsSync(files.caKeyFile)) {
    caCreated = await createCa(files, now);
    if (caCreated) opts.log?.info({ caFile: files.caFile }, 'created the private CA for the agent channel');
  }
  const ca = await loadCa(files);

  let gatewayCertificate: AgentCa['gatewayCertificate'] = 'reused';
  const problem = gatewayCertificateProblem(files, ca.cert, names, now);
  if (problem) {
    await issueGatewayCertificate(files, ca, names, now);
    gatewayCertificate = 'issued';
    opts.log?.info({ names, reason: problem }, 'issued the agent gateway certificate');
  }
  return { ...files, caCreated, gatewayCertificate, names, caFingerprint: certificateFingerprint(ca.pem) };
}

function canonicalNames(names: string[]): string[] {
  const out = new Set<string>();
  for (const raw of names) {
    const name = raw.trim().toLowerCase();
    if (!name) continue;
    // The URL parser writes IPv6 addresses in one canonical (compressed) form.
    out.add(net.isIPv6(name) ? new URL(`http://[${name}]`).hostname.slice(1, -1) : name);
  }
  return [...out].sort();
}

/** Writes a file that other processes see whole or not at all; false when it already existed. */
function publishOnce(file: string, contents: string): boolean {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, contents, { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function replaceAtomically(file: string, contents: string, mode: number): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, contents, { mode });
  fs.renameSync(tmp, file);
}

const serialNumber = () => {
  const bytes = randomBytes(16);
  bytes[0]! &= 0x7f; // a positive INTEGER
  return bytes.toString('hex');
};

async function exportPrivateKey(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

/** Replicas sharing a data folder may start together: the CA key is published once, and its certificate after it. */
async function createCa(files: AgentCaFiles, now: Date): Promise<boolean> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=HSS agent channel CA ${os.hostname()}`,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + CA_VALIDITY_DAYS * DAY_MS),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  if (!publishOnce(files.caKeyFile, await exportPrivateKey(keys.privateKey))) return false;
  replaceAtomically(files.caFile, cert.toString('pem'), 0o644);
  return true;
}

interface LoadedCa {
  pem: string;
  cert: x509.X509Certificate;
  key: CryptoKey;
}

async function loadCa(files: AgentCaFiles): Promise<LoadedCa> {
  // Another process may have published the key an instant before the certificate.
  for (let attempt = 0; !fs.existsSync(files.caFile) && attempt < 50; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  let pem: string;
  let keyPem: string;
  try {
    pem = fs.readFileSync(files.caFile, 'utf8');
    keyPem = fs.readFileSync(files.caKeyFile, 'utf8');
  } catch (err) {
    throw new Error(
      `The agent channel's CA in ${files.dir} cannot be read (${(err as Error).message}). ` +
        'Restore ca.pem and ca-key.pem from a backup (agents pinned this CA), or remove the folder to create a new CA and re-enroll every agent.',
    );
  }
  const cert = new x509.X509Certificate(pem);
  const key = (await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(keyPem), ALGORITHM, false, [
    'sign',
  ])) as CryptoKey;
  if (!new NodeX509(pem).checkPrivateKey(createPrivateKey(keyPem))) {
    throw new Error(`${files.caKeyFile} is not the key of ${files.caFile}; restore the pair from a backup.`);
  }
  return { pem, cert, key };
}

/** Why the gateway certificate on disk cannot be used as it is; undefined when it can. */
function gatewayCertificateProblem(
  files: AgentCaFiles,
  ca: x509.X509Certificate,
  names: string[],
  now: Date,
): string | undefined {
  let pem: string;
  let keyPem: string;
  try {
    pem = fs.readFileSync(files.certFile, 'utf8');
    keyPem = fs.readFileSync(files.keyFile, 'utf8');
  } catch {
    return 'none yet';
  }
  try {
    const cert = new x509.X509Certificate(pem);
    if (cert.issuer !== ca.subject || !new NodeX509(pem).verify(new NodeX509(ca.toString('pem')).publicKey)) {
      return 'signed by another CA';
    }
    if (!new NodeX509(pem).checkPrivateKey(createPrivateKey(keyPem))) return 'key does not match';
    if (cert.notAfter.getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return 'expires soon';
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
    const issued = canonicalNames((san?.names.items ?? []).map((n) => n.value));
    if (issued.join(',') !== names.join(',')) return 'names changed';
    return undefined;
  } catch (err) {
    return `unreadable (${(err as Error).message})`;
  }
}

async function issueGatewayCertificate(files: AgentCaFiles, ca: LoadedCa, names: string[], now: Date): Promise<void> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: 'CN=HSS agent gateway',
    issuer: ca.cert.subject,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + GATEWAY_VALIDITY_DAYS * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: net.isIP(value) ? 'ip' : 'dns', value }))),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  // The key first: a process that reads the pair in between sees a mismatch and re-issues.
  replaceAtomically(files.keyFile, await exportPrivateKey(keys.privateKey), 0o600);
  replaceAtomically(files.certFile, cert.toString('pem'), 0o644);
}
