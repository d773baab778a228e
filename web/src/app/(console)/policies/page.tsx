'use client';

import { useState } from 'react';
import { useQuery } from 'urql';
import { RegionSelect, useSession } from '@/components/app-shell';
import { ErrorNote, Loading } from '@/components/ui';
import { graphql } from '@/gql';
import { PolicyForm } from './policy-form';

graphql(`
  fragment PolicyFields on PolicyView {
    regionId
    version
    acknowledgedBy
    loginProtection {
      commonLoginIps
      sshWhitelist
      enforceSshWhitelist
    }
    bruteForce {
      threshold
      windowSeconds
      blockSeconds
    }
    fimPaths
    isolateMaliciousFiles
    webTamper {
      directories
      paused
    }
  }
`);

const PolicyDoc = graphql(`
  query Policy($regionId: ID!) {
    policy(regionId: $regionId) {
      ...PolicyFields
    }
  }
`);

export default function PoliciesPage() {
  const { regions } = useSession();
  const [regionId, setRegionId] = useState(regions[0]?.id ?? '');
  const [{ data, error, fetching }] = useQuery({ query: PolicyDoc, variables: { regionId }, pause: !regionId });
  // Until the new region's policy arrives, the previous one must not be shown (or saved) under its name.
  const policy = data?.policy.regionId === regionId ? data.policy : undefined;
  return (
    <div className="page">
      <h1>Policies</h1>
      <div className="toolbar">
        <RegionSelect value={regionId} onChange={(id) => setRegionId(id)} />
        <p className="muted small grow">
          A region's policy applies to every agent in it: a change is pushed to the online agents at once, and the others get it
          when they next connect.
        </p>
      </div>
      <ErrorNote error={error} />
      {policy ? <PolicyForm key={regionId} policy={policy} /> : fetching && <Loading what="Loading the policy" />}
    </div>
  );
}
