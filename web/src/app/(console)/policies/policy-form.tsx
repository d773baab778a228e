'use client';

import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { useCanOperate } from '@/components/app-shell';
import { ErrorNote } from '@/components/ui';
import { graphql } from '@/gql';
import type { PolicyFieldsFragment, UpdatePolicyInput } from '@/gql/graphql';
import { Acknowledgements } from './acknowledgements';

const UpdatePolicyDoc = graphql(`
  mutation UpdatePolicy($input: UpdatePolicyInput!) {
    updatePolicy(input: $input) {
      ...PolicyFields
    }
  }
`);

/** The form's values as typed: lists one entry per line, numbers as the inputs hold them. */
interface Draft {
  loginProtection: { commonLoginIps: string; sshWhitelist: string; enforceSshWhitelist: boolean };
  bruteForce: { threshold: string; windowSeconds: string; blockHours: string };
  fimPaths: string;
  isolateMaliciousFiles: boolean;
  webTamper: { directories: string };
}
type Section = keyof Draft;
const SECTION_TITLES: Record<Section, string> = {
  loginProtection: 'Login protection',
  bruteForce: 'Brute force',
  fimPaths: 'File integrity',
  isolateMaliciousFiles: 'Malicious files',
  webTamper: 'Web tamper protection',
};
const SECTIONS = Object.keys(SECTION_TITLES) as Section[];

const toDraft = (p: PolicyFieldsFragment): Draft => ({
  loginProtection: {
    commonLoginIps: p.loginProtection.commonLoginIps.join('\n'),
    sshWhitelist: p.loginProtection.sshWhitelist.join('\n'),
    enforceSshWhitelist: p.loginProtection.enforceSshWhitelist,
  },
  bruteForce: {
    threshold: String(p.bruteForce.threshold),
    windowSeconds: String(p.bruteForce.windowSeconds),
    blockHours: String(p.bruteForce.blockSeconds / 3600),
  },
  fimPaths: p.fimPaths.join('\n'),
  isolateMaliciousFiles: p.isolateMaliciousFiles,
  webTamper: { directories: p.webTamper.directories.join('\n') },
});

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
// An empty number field is sent as null, so the API says it is missing rather than it being taken as 0.
const int = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** One section of the draft as the API takes it; `paused` is toggled on its own and kept from `base`. */
function sectionInput(draft: Draft, section: Section, base: PolicyFieldsFragment) {
  switch (section) {
    case 'loginProtection':
      return {
        commonLoginIps: lines(draft.loginProtection.commonLoginIps),
        sshWhitelist: lines(draft.loginProtection.sshWhitelist),
        enforceSshWhitelist: draft.loginProtection.enforceSshWhitelist,
      };
    case 'bruteForce':
      return {
        threshold: int(draft.bruteForce.threshold),
        windowSeconds: int(draft.bruteForce.windowSeconds),
        blockSeconds: Math.round(int(draft.bruteForce.blockHours) * 3600),
      };
    case 'fimPaths':
      return lines(draft.fimPaths);
    case 'isolateMaliciousFiles':
      return draft.isolateMaliciousFiles;
    case 'webTamper':
      return { directories: lines(draft.webTamper.directories), paused: base.webTamper.paused };
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changedSections(draft: Draft, base: PolicyFieldsFragment): Section[] {
  const saved = toDraft(base);
  return SECTIONS.filter((s) => !same(sectionInput(draft, s, base), sectionInput(saved, s, base)));
}

/**
 * A newer version (saved here, or the pause toggle) replaces the sections the person has not
 * touched and the ones it saved (tidied: one entry a line); edits not in it stay as they are.
 */
function rebase(draft: Draft, from: PolicyFieldsFragment, to: PolicyFieldsFragment): Draft {
  const unsaved = new Set(changedSections(draft, from).filter((s) => changedSections(draft, to).includes(s)));
  const fresh = toDraft(to);
  return Object.fromEntries(SECTIONS.map((s) => [s, unsaved.has(s) ? draft[s] : fresh[s]])) as unknown as Draft;
}

export function PolicyForm({ policy }: { policy: PolicyFieldsFragment }) {
  const canOperate = useCanOperate();
  const [saved, setSaved] = useState<PolicyFieldsFragment | null>(null);
  const latest = saved && saved.version >= policy.version ? saved : policy;
  const [base, setBase] = useState(latest);
  const [draft, setDraft] = useState(() => toDraft(latest));
  if (latest.version !== base.version) {
    setBase(latest);
    setDraft(rebase(draft, base, latest));
  }
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, update] = useMutation(UpdatePolicyDoc);
  const [toggling, toggle] = useMutation(UpdatePolicyDoc);
  const changed = changedSections(draft, base);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const input: UpdatePolicyInput = { regionId: base.regionId };
    for (const s of changed) Object.assign(input, { [s]: sectionInput(draft, s, base) });
    const result = await update({ input });
    if (result.data) {
      setSaved(result.data.updatePolicy);
      setNotice(`Saved — version ${result.data.updatePolicy.version}, pushed to the region's online agents.`);
    }
  };
  const togglePause = async () => {
    setNotice(null);
    const paused = !base.webTamper.paused;
    const result = await toggle({
      input: { regionId: base.regionId, webTamper: { directories: base.webTamper.directories, paused } },
    });
    if (result.data) {
      setSaved(result.data.updatePolicy);
      setNotice(
        `${paused ? 'Web tamper protection paused' : 'Web tamper protection resumed'} — version ${result.data.updatePolicy.version}, pushed to the region's online agents.`,
      );
    }
  };
  const set = <S extends Section>(section: S, value: Partial<Draft[S]> | Draft[S]) =>
    setDraft((d) => ({
      ...d,
      [section]: typeof value === 'object' ? { ...(d[section] as object), ...value } : value,
    }));

  return (
    <form className="grid" onSubmit={save} noValidate aria-label="Policy">
      {!canOperate && <p className="muted">Your role may read the policy but not change it; ask an operator or administrator.</p>}
      <fieldset className="plain grid two" disabled={!canOperate}>
        <section className="card grid policy-section">
          <h2>Login protection</h2>
          <label className="field">
            <span>Common login IPs (one IP or CIDR block per line)</span>
            <textarea
              className="lines"
              rows={4}
              value={draft.loginProtection.commonLoginIps}
              onChange={(e) => set('loginProtection', { commonLoginIps: e.target.value })}
            />
            <small className="muted">A login from any other IP raises an abnormal-login alarm. Empty: no such alarm.</small>
          </label>
          <label className="field">
            <span>SSH whitelist (one IP or CIDR block per line)</span>
            <textarea
              className="lines"
              rows={4}
              value={draft.loginProtection.sshWhitelist}
              onChange={(e) => set('loginProtection', { sshWhitelist: e.target.value })}
            />
            <small className="muted">SSH from outside the list raises an alarm. Empty: no whitelist.</small>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.loginProtection.enforceSshWhitelist}
              onChange={(e) => set('loginProtection', { enforceSshWhitelist: e.target.checked })}
            />
            <span>Enforce the whitelist: the host's firewall also rejects SSH from outside it.</span>
          </label>
        </section>

        <section className="card grid policy-section">
          <h2>Brute force</h2>
          <p className="muted small">
            An IP with this many failed logins within the window is an attack: it raises an alarm and is blocked.
          </p>
          <label className="field">
            <span>Failed logins</span>
            <input
              type="number"
              inputMode="numeric"
              value={draft.bruteForce.threshold}
              onChange={(e) => set('bruteForce', { threshold: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Within (seconds)</span>
            <input
              type="number"
              inputMode="numeric"
              value={draft.bruteForce.windowSeconds}
              onChange={(e) => set('bruteForce', { windowSeconds: e.target.value })}
            />
          </label>
          <label className="field">
            <span>Block the IP for (hours; 0: alarm only)</span>
            <input
              type="number"
              inputMode="decimal"
              value={draft.bruteForce.blockHours}
              onChange={(e) => set('bruteForce', { blockHours: e.target.value })}
            />
          </label>
        </section>

        <section className="card grid policy-section">
          <h2>File integrity</h2>
          <label className="field">
            <span>Watched paths (one absolute path per line)</span>
            <textarea className="lines" rows={6} value={draft.fimPaths} onChange={(e) => set('fimPaths', e.target.value)} />
            <small className="muted">A change to any of these files raises an alarm.</small>
          </label>
        </section>

        <section className="card grid policy-section">
          <h2>Malicious files</h2>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.isolateMaliciousFiles}
              onChange={(e) => set('isolateMaliciousFiles', e.target.checked)}
            />
            <span>Isolate malicious files: a scan moves each file it finds into the agent's quarantine.</span>
          </label>
          <p className="muted small">Off: they are reported as findings and left in place.</p>
        </section>

        <section className="card grid policy-section" data-testid="web-tamper">
          <h2>Web tamper protection</h2>
          <label className="field">
            <span>Protected directories (one absolute path per line)</span>
            <textarea
              className="lines"
              rows={4}
              value={draft.webTamper.directories}
              onChange={(e) => set('webTamper', { directories: e.target.value })}
            />
            <small className="muted">A file changed, added or deleted in them is put back as it was, with an alarm.</small>
          </label>
          <div className="toggle-row">
            <span
              className={base.webTamper.paused ? 'badge badge-pending' : 'badge badge-enabled'}
              data-testid="web-tamper-state"
            >
              {base.webTamper.paused ? 'Paused' : 'Protecting'}
            </span>
            {canOperate && (
              <button type="button" disabled={toggling.fetching} onClick={togglePause}>
                {base.webTamper.paused ? 'Resume' : 'Pause protection (to update the site)'}
              </button>
            )}
          </div>
          <p className="muted small">
            While paused, changes to these directories are left as they are, so you can deploy; resuming backs up the site as it
            then is.
          </p>
          <ErrorNote error={toggling.error} />
        </section>
      </fieldset>

      <div className="card grid policy-section" data-testid="policy-save">
        {canOperate && (
          <div className="toolbar">
            <button type="submit" className="primary" disabled={saving.fetching || changed.length === 0}>
              Save
            </button>
            <span className="muted small grow">
              {changed.length === 0 ? 'No unsaved changes.' : `Changed: ${changed.map((s) => SECTION_TITLES[s]).join(', ')}.`}
            </span>
          </div>
        )}
        <ErrorNote error={saving.error} />
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <Acknowledgements regionId={base.regionId} version={base.version} />
      </div>
    </form>
  );
}
