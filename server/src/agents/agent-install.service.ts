import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Logger } from 'pino';
import { create as createTar } from 'tar';
import type { RequestContext } from '../common/request-context.js';
import { certificateFingerprint } from '../gateway/agent-ca.js';

/** agent/dist/package, made by the agent workspace's build (agent/bundle.mjs). */
export const AGENT_PACKAGE_DIR = fileURLToPath(new URL('../../../agent/dist/package/', import.meta.url));

const PACKAGE_ENTRIES = ['package.json', 'dist', 'policies', 'packaging'];

/** A Host header that is safe to repeat in a shell script: a DNS name, IPv4 or [IPv6], and a port. */
const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

interface AgentPackage {
  tarball: Buffer;
  sha256: string;
  scriptTemplate: string;
}

export interface AgentInstallOptions {
  apiPort: () => number;
  publicUrl: string | undefined;
  publicGatewayUrl: string | undefined;
  /** The gateway speaks wss://. */
  tls: boolean;
  /** PEM of the private CA that signed the gateway's certificate; hosts pin it. */
  caPem: string | undefined;
  /** The gateway's port as it listens (known only once it does). */
  gatewayPort: () => number;
  packageDir?: string;
  log: Logger;
}

/**
 * How a host gets the agent: the one-line install command the console shows with a new
 * enrollment token, and what that command fetches from the API's port (/agent/install.sh, the
 * package, the CA certificate). The script pins the CA by the fingerprint in the command and the
 * package by the SHA-256 written into the script.
 */
export class AgentInstallService {
  readonly caFingerprint: string | null;
  private pkg: Promise<AgentPackage | undefined> | undefined;

  constructor(private readonly opts: AgentInstallOptions) {
    this.caFingerprint = opts.caPem ? certificateFingerprint(opts.caPem) : null;
  }

  /** The command a person pastes on a host, as root, to install and enroll the agent with `token`. */
  installCommand(ctx: RequestContext, token: string): string {
    const base = this.opts.publicUrl ?? ctx.origin ?? `http://${os.hostname()}:${this.opts.apiPort()}`;
    const pin = this.caFingerprint ? ` --ca-sha256 ${this.caFingerprint}` : '';
    return `curl -fsSL ${base}/agent/install.sh | sudo bash -s -- --token ${token}${pin}`;
  }

  /** GET /agent/install.sh, /agent/hss-agent.tar.gz and /agent/ca.pem. */
  router(): express.Router {
    const router = express.Router();
    router.get('/install.sh', async (req, res) => {
      const origin = this.opts.publicUrl ?? requestOrigin(req.headers, this.opts.apiPort());
      if (!origin) {
        res.status(400).type('text/plain').send('echo "hss-agent install: the request has no usable Host header." >&2; exit 1\n');
        return;
      }
      const pkg = await this.agentPackage();
      if (!pkg) {
        res.status(503).type('text/plain').send(notBuilt);
        return;
      }
      const gateway =
        this.opts.publicGatewayUrl ?? `${this.opts.tls ? 'wss' : 'ws'}://${new URL(origin).hostname}:${this.opts.gatewayPort()}`;
      const script = pkg.scriptTemplate
        .replace("'@HSS_URL@'", `'${origin}'`)
        .replace("'@GATEWAY_URL@'", `'${gateway}'`)
        .replace("'@PACKAGE_SHA256@'", `'${pkg.sha256}'`)
        .replace("'@PRIVATE_CA@'", this.opts.caPem ? "'yes'" : "'no'");
      res.type('text/x-shellscript').set('cache-control', 'no-store').send(script);
    });
    router.get('/hss-agent.tar.gz', async (_req, res) => {
      const pkg = await this.agentPackage();
      if (!pkg) {
        res.status(503).type('text/plain').send(notBuilt);
        return;
      }
      res.type('application/gzip').set('content-disposition', 'attachment; filename="hss-agent.tar.gz"').send(pkg.tarball);
    });
    router.get('/ca.pem', (_req, res) => {
      if (!this.opts.caPem) {
        res
          .status(404)
          .type('text/plain')
          .send(
            'This control plane has no private CA: its agent gateway certificate is trusted through the system CAs, or TLS is off.\n',
          );
        return;
      }
      res.type('application/x-pem-file').send(this.opts.caPem);
    });
    return router;
  }

  /** Archived on first use and kept: the package does not change while the control plane runs. */
  private agentPackage(): Promise<AgentPackage | undefined> {
    this.pkg ??= loadAgentPackage(this.opts.packageDir ?? AGENT_PACKAGE_DIR).catch((err) => {
      this.opts.log.warn({ err: { message: (err as Error).message } }, 'the agent package cannot be served');
      return undefined;
    });
    return this.pkg;
  }
}

const notBuilt = 'echo "hss-agent install: this control plane has no agent package; build it with npm run build." >&2; exit 1\n';

async function loadAgentPackage(dir: string): Promise<AgentPackage> {
  const scriptTemplate = fs.readFileSync(path.join(dir, 'packaging', 'install.sh'), 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of createTar({ gzip: true, cwd: dir, prefix: 'hss-agent', portable: true }, PACKAGE_ENTRIES)) {
    chunks.push(chunk as Buffer);
  }
  const tarball = Buffer.concat(chunks);
  return { tarball, sha256: createHash('sha256').update(tarball).digest('hex'), scriptTemplate };
}

/**
 * The API's origin as the client reached it. Behind the console (which forwards
 * X-Forwarded-Host) that is the console's host name, on the API's own port.
 */
export function requestOrigin(headers: IncomingHttpHeaders, apiPort: number): string | null {
  const forwarded = String(headers['x-forwarded-host'] ?? '')
    .split(',')[0]!
    .trim();
  if (HOST.test(forwarded)) return `http://${forwarded.replace(/:\d+$/, '')}:${apiPort}`;
  const host = headers.host ?? '';
  return HOST.test(host) ? `http://${host}` : null;
}
