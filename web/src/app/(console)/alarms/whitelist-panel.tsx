'use client';

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { RegionSelect, useCanOperate, useSession } from '@/components/app-shell';
import { Empty, ErrorNote, Loading } from '@/components/ui';
import { graphql } from '@/gql';
import { dateTime, label } from '@/lib/format';

const WhitelistDoc = graphql(`
  query AlarmWhitelist($regionId: ID!) {
    alarmWhitelist(regionId: $regionId) {
      id
      type
      sourceIp
      path
      note
      createdAt
    }
  }
`);

const RemoveDoc = graphql(`
  mutation RemoveAlarmWhitelistEntry($input: RemoveAlarmWhitelistEntryInput!) {
    removeAlarmWhitelistEntry(input: $input) {
      id
    }
  }
`);

/** The region's whitelist rules: alarms they match are stored as WHITELISTED and not announced. */
export function WhitelistPanel() {
  const { regions } = useSession();
  const canOperate = useCanOperate();
  const [regionId, setRegionId] = useState(regions[0]?.id ?? '');
  const [{ data, error, fetching }, refetch] = useQuery({ query: WhitelistDoc, variables: { regionId }, pause: !regionId });
  const [removing, remove] = useMutation(RemoveDoc);
  const entries = data?.alarmWhitelist ?? [];
  return (
    <section className="grid">
      <div className="toolbar">
        <RegionSelect value={regionId} onChange={(id) => setRegionId(id)} />
        <p className="muted small grow">
          Add rules from the alarm list ("Add to whitelist"). A rule matches alarms of its type from its source IP and about its
          file; an empty field matches anything.
        </p>
      </div>
      <ErrorNote error={removing.error ?? error} />
      {!data && fetching ? (
        <Loading what="Loading the whitelist" />
      ) : entries.length === 0 ? (
        <Empty>No whitelist rules in this region.</Empty>
      ) : (
        <div className="table-wrap">
          <table data-testid="whitelist-table">
            <thead>
              <tr>
                <th>Alarm type</th>
                <th>Source IP</th>
                <th>File</th>
                <th className="hide-phone">Note</th>
                <th className="hide-phone">Added</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{label(e.type)}</td>
                  <td>{e.sourceIp ?? 'any'}</td>
                  <td>{e.path ? <code>{e.path}</code> : 'any'}</td>
                  <td className="hide-phone">{e.note ?? '—'}</td>
                  <td className="hide-phone">{dateTime(e.createdAt)}</td>
                  <td className="actions">
                    {canOperate && (
                      <button
                        type="button"
                        disabled={removing.fetching}
                        onClick={async () => {
                          const result = await remove({ input: { id: e.id } });
                          if (result.data) refetch({ requestPolicy: 'network-only' });
                        }}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
