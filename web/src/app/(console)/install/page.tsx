'use client';

import { useState } from 'react';
import { useMutation } from 'urql';
import { RegionSelect, useCanOperate, useSession } from '@/components/app-shell';
import { ErrorNote } from '@/components/ui';
import { graphql } from '@/gql';
import { dateTime } from '@/lib/format';

const CreateTokenDoc = graphql(`
  mutation CreateEnrollmentToken($input: CreateEnrollmentTokenInput!) {
    createEnrollmentToken(input: $input) {
      token
      expiresAt
      installCommand
      caFingerprint
      region {
        id
        name
      }
    }
  }
`);

export default function InstallAgentPage() {
  const { regions } = useSession();
  const canOperate = useCanOperate();
  const [regionId, setRegionId] = useState(regions[0]?.id ?? '');
  const [copied, setCopied] = useState(false);
  const [{ data, error, fetching }, create] = useMutation(CreateTokenDoc);
  const token = data?.createEnrollmentToken;
  const command = token?.installCommand ?? '';

  const copy = async () => {
    await navigator.clipboard.writeText(command);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };

  return (
    <div className="page">
      <h1>Install agent</h1>
      <section className="card grid">
        <p>
          Run the command below as root on a Linux server (Node.js 20 or later). It installs the HSS agent, enrolls it in the
          region you choose with a one-time enrollment token, and starts it as a systemd service. The server then appears under
          Servers &amp; Quota, online.
        </p>
        <div className="toolbar">
          <RegionSelect value={regionId} onChange={(id) => setRegionId(id)} />
          <button
            type="button"
            className="primary"
            disabled={!canOperate || fetching || !regionId}
            onClick={() => create({ input: { regionId } })}
          >
            {token ? 'Generate a new command' : 'Generate install command'}
          </button>
        </div>
        {!canOperate && <p className="muted">Your role may not enroll agents; ask an operator or administrator.</p>}
        <ErrorNote error={error} />
        {token && (
          <>
            <pre className="code" data-testid="install-command">
              {command}
            </pre>
            <div className="toolbar">
              <button type="button" onClick={copy}>
                {copied ? 'Copied' : 'Copy command'}
              </button>
              <span className="muted small">
                Token for {token.region.name}, valid until {dateTime(token.expiresAt)}. It is shown once; generate a new one when
                it expires.
              </span>
            </div>
            {token.caFingerprint && (
              <p className="muted small">
                The command pins the agent channel's CA by its SHA-256 fingerprint <code>{token.caFingerprint}</code>: the script
                refuses to install if the CA it downloads is any other.
              </p>
            )}
          </>
        )}
      </section>
    </div>
  );
}
