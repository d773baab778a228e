'use client';

import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@/gql';
import type { BillingMode, EditionCode } from '@/gql/graphql';
import { dateTime, label } from '@/lib/format';
import { Dialog, ErrorNote } from './ui';

const EnableOptionsDoc = graphql(`
  query EnableOptions($regionId: ID!, $edition: [EditionCode!]) {
    editions {
      code
      name
      supportsOnDemand
      freeTrialDays
    }
    quotas(first: 50, filter: { regionId: $regionId, status: [IDLE], edition: $edition }) {
      edges {
        node {
          id
          billingMode
          expiresAt
          edition {
            code
          }
        }
      }
    }
  }
`);

const EnableDoc = graphql(`
  mutation EnableProtection($input: EnableProtectionInput!) {
    enableProtection(input: $input) {
      server {
        id
        protectionStatus
        detectionResult
        billingMode
        edition {
          code
          name
        }
        quota {
          id
        }
      }
      quota {
        id
        status
      }
      scanTask {
        id
        status
      }
    }
  }
`);

const DisableDoc = graphql(`
  mutation DisableProtection($input: DisableProtectionInput!) {
    disableProtection(input: $input) {
      server {
        id
        protectionStatus
        edition {
          code
        }
        quota {
          id
        }
      }
      releasedQuota {
        id
        status
      }
    }
  }
`);

export interface ProtectableServer {
  id: string;
  name: string;
  region: { id: string };
}

export function EnableProtectionDialog({
  server,
  onClose,
}: {
  server: ProtectableServer | null;
  onClose: (changed: boolean) => void;
}) {
  const [edition, setEdition] = useState<EditionCode>('ENTERPRISE');
  const [billingMode, setBillingMode] = useState<BillingMode>('YEARLY_MONTHLY');
  const [quotaId, setQuotaId] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [{ data }] = useQuery({
    query: EnableOptionsDoc,
    variables: { regionId: server?.region.id ?? '', edition: [edition] },
    pause: !server,
    requestPolicy: 'network-only',
  });
  const [{ fetching, error }, enable] = useMutation(EnableDoc);
  useEffect(() => {
    if (server) {
      setQuotaId('');
      setAccepted(false);
    }
  }, [server]);

  const quotas = (data?.quotas.edges ?? []).map((e) => e.node).filter((q) => q.billingMode === billingMode);
  const submit = async () => {
    if (!server) return;
    const result = await enable({
      input: {
        serverId: server.id,
        edition,
        billingMode,
        quotaId: billingMode === 'YEARLY_MONTHLY' && quotaId ? quotaId : null,
        acceptDisclaimer: accepted,
      },
    });
    if (result.data) onClose(true);
  };

  return (
    <Dialog
      open={Boolean(server)}
      title={`Enable protection · ${server?.name ?? ''}`}
      onClose={() => onClose(false)}
      action={{ label: fetching ? 'Enabling…' : 'Enable protection', onConfirm: submit, disabled: fetching }}
    >
      <label className="field">
        <span>Edition</span>
        <select value={edition} onChange={(e) => setEdition(e.target.value as EditionCode)}>
          {(data?.editions ?? [{ code: 'ENTERPRISE' as EditionCode, name: 'Enterprise' }]).map((ed) => (
            <option key={ed.code} value={ed.code}>
              {ed.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="field">
        <legend>Billing mode</legend>
        <div className="radio-row">
          {(['YEARLY_MONTHLY', 'ON_DEMAND'] as const).map((mode) => (
            <label key={mode} className="check">
              <input
                type="radio"
                name="billingMode"
                value={mode}
                checked={billingMode === mode}
                onChange={() => setBillingMode(mode)}
              />
              {label(mode)}
            </label>
          ))}
        </div>
      </fieldset>
      {billingMode === 'YEARLY_MONTHLY' && (
        <label className="field">
          <span>Quota</span>
          <select value={quotaId} onChange={(e) => setQuotaId(e.target.value)} name="quota">
            <option value="">Any idle quota (longest validity first)</option>
            {quotas.map((q) => (
              <option key={q.id} value={q.id}>
                {q.id.slice(0, 8)} · expires {dateTime(q.expiresAt)}
              </option>
            ))}
          </select>
          <span className="muted small">
            {quotas.length} idle {label(edition)} quotas in this region.
          </span>
        </label>
      )}
      <label className="check">
        <input type="checkbox" name="acceptDisclaimer" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />
        <span>
          I have read and agree to the disclaimer: HSS scans this server's files, processes and logs, may block attacking IPs and
          restores tampered web files.
        </span>
      </label>
      <ErrorNote error={error} />
    </Dialog>
  );
}

export function DisableProtectionDialog({
  server,
  onClose,
}: {
  server: ProtectableServer | null;
  onClose: (changed: boolean) => void;
}) {
  const [{ fetching, error }, disable] = useMutation(DisableDoc);
  const submit = async () => {
    if (!server) return;
    const result = await disable({ input: { serverId: server.id } });
    if (result.data) onClose(true);
  };
  return (
    <Dialog
      open={Boolean(server)}
      title={`Disable protection · ${server?.name ?? ''}`}
      onClose={() => onClose(false)}
      action={{
        label: fetching ? 'Disabling…' : 'Disable protection',
        onConfirm: submit,
        disabled: fetching,
        danger: true,
        cancel: 'Keep protection',
      }}
    >
      <p>
        Detection and intrusion prevention stop on this server. Its quota becomes <strong>idle</strong>: it stays yours until it
        expires and can be bound to another server.
      </p>
      <ErrorNote error={error} />
    </Dialog>
  );
}
