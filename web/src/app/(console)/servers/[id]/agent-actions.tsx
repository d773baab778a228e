'use client';

import { useState } from 'react';
import { useMutation } from 'urql';
import { Dialog, ErrorNote } from '@/components/ui';
import { graphql } from '@/gql';

const RotateDoc = graphql(`
  mutation RotateAgentCredential($input: RotateAgentCredentialInput!) {
    rotateAgentCredential(input: $input) {
      delivering
      server {
        id
        agent {
          credentialRotationPending
          credentialRotatedAt
        }
      }
    }
  }
`);

const RevokeDoc = graphql(`
  mutation RevokeAgent($input: RevokeAgentInput!) {
    revokeAgent(input: $input) {
      server {
        id
        agentStatus
        agent {
          revokedAt
        }
      }
    }
  }
`);

/** The agent's credential: rotate it (routine hygiene, or after a suspected leak) or revoke it (host retired or compromised). */
export function AgentActions({
  serverId,
  serverName,
  onChanged,
}: {
  serverId: string;
  serverName: string;
  onChanged: () => void;
}) {
  const [rotation, rotate] = useMutation(RotateDoc);
  const [revocation, revoke] = useMutation(RevokeDoc);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmRevoke, setConfirmRevoke] = useState(false);

  const rotateNow = async () => {
    setNotice(null);
    const result = await rotate({ input: { serverId } });
    if (result.data) {
      setNotice(
        result.data.rotateAgentCredential.delivering
          ? 'A new credential is on its way to the agent; the old one stops working once the agent has stored it.'
          : 'The agent is offline: it receives its new credential when it reconnects.',
      );
      onChanged();
    }
  };
  const revokeNow = async () => {
    const result = await revoke({ input: { serverId } });
    if (result.data) {
      setConfirmRevoke(false);
      onChanged();
    }
  };

  return (
    <div className="grid">
      <div className="toolbar">
        <button type="button" onClick={rotateNow} disabled={rotation.fetching}>
          Rotate credential
        </button>
        <button type="button" className="danger" onClick={() => setConfirmRevoke(true)}>
          Revoke agent
        </button>
      </div>
      <ErrorNote error={rotation.error} />
      {notice && (
        <p className="notice small" role="status">
          {notice}
        </p>
      )}
      <Dialog
        open={confirmRevoke}
        title={`Revoke the agent of ${serverName}`}
        onClose={() => setConfirmRevoke(false)}
        action={{ label: 'Revoke agent', onConfirm: revokeNow, disabled: revocation.fetching, danger: true }}
      >
        <p>
          The agent's credential is refused from now on and its connection closes at once: the server stops reporting and shows
          Offline. To bring it back, enroll the agent again with a new install command.
        </p>
        <ErrorNote error={revocation.error} />
      </Dialog>
    </div>
  );
}
