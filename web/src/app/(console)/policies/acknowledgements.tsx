'use client';

import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { ErrorNote } from '@/components/ui';
import { graphql } from '@/gql';

const AcknowledgementsDoc = graphql(`
  query PolicyAcknowledgements($regionId: ID!) {
    policy(regionId: $regionId) {
      version
      acknowledgedBy
    }
    servers(first: 100, filter: { regionId: $regionId, agentStatus: [ONLINE] }) {
      totalCount
      edges {
        node {
          id
          name
          agent {
            policyVersion
          }
        }
      }
    }
  }
`);

/** Agents apply a pushed policy within moments; the page looks again for a while, then leaves it to "Check again". */
const POLL_MS = 2000;
const POLLS = 15;

/** Which of the region's online agents run `version` of its policy. */
export function Acknowledgements({ regionId, version }: { regionId: string; version: number }) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AcknowledgementsDoc,
    variables: { regionId },
    requestPolicy: 'network-only',
  });
  const current = data && data.policy.version >= version ? data : undefined;
  const online = current?.servers.totalCount ?? 0;
  const acknowledged = current?.policy.acknowledgedBy ?? 0;
  const waiting = !current || acknowledged < online;

  const polls = useRef({ version, count: 0 });
  useEffect(() => {
    if (polls.current.version !== version) polls.current = { version, count: 0 };
    if (!waiting || fetching || polls.current.count >= POLLS) return;
    const timer = setTimeout(() => {
      polls.current.count += 1;
      refetch({ requestPolicy: 'network-only' });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [version, waiting, fetching, refetch]);

  const agents = current?.servers.edges.map((e) => e.node) ?? [];
  return (
    <div className="grid" data-testid="policy-acknowledgements" data-acknowledged={acknowledged} data-online={online}>
      <div className="toolbar">
        <p className="grow" role="status">
          <strong>Version {version}</strong>
          {current
            ? online === 0
              ? ' — no agent of this region is online; each gets this version when it connects.'
              : ` — acknowledged by ${acknowledged} of ${online} online agent${online === 1 ? '' : 's'}.`
            : ' — checking the agents…'}
        </p>
        <button
          type="button"
          disabled={fetching}
          onClick={() => {
            polls.current = { version, count: 0 };
            refetch({ requestPolicy: 'network-only' });
          }}
        >
          Check again
        </button>
      </div>
      <ErrorNote error={error} />
      {agents.length > 0 && (
        <ul className="ack-list">
          {agents.map((s) => {
            const applied = (s.agent?.policyVersion ?? -1) >= version;
            return (
              <li key={s.id} data-server-name={s.name} data-acknowledged={applied}>
                <span className={applied ? 'badge badge-done' : 'badge badge-pending'}>{applied ? 'Applied' : 'Waiting'}</span>{' '}
                {s.name}
              </li>
            );
          })}
        </ul>
      )}
      {online > agents.length && <p className="muted small">and {online - agents.length} more.</p>}
    </div>
  );
}
