'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@/gql';
import type { ViewerQuery } from '@/gql/graphql';
import { errorCode } from '@/lib/errors';
import { label } from '@/lib/format';
import { ErrorNote, Loading } from './ui';

const ViewerDoc = graphql(`
  query Viewer {
    viewer {
      id
      email
      displayName
      role
    }
    regions {
      id
      name
      code
    }
  }
`);

const LogoutDoc = graphql(`
  mutation Logout {
    logout
  }
`);

type Session = ViewerQuery;
const SessionContext = createContext<Session | null>(null);

/** The signed-in user and the account's regions, for every page of the console. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the console layout');
  return session;
}

/** Operators and admins change things; viewers only look. */
export function useCanOperate(): boolean {
  return useSession().viewer.role !== 'VIEWER';
}

const NAV = [
  { href: '/', label: 'Dashboard' },
  { href: '/servers', label: 'Servers & Quota' },
  { href: '/alarms', label: 'Alarms' },
  { href: '/policies', label: 'Policies' },
  { href: '/install', label: 'Install agent' },
  { href: '/settings', label: 'Settings' },
];

export function AppShell({ children }: { children: ReactNode }) {
  const [{ data, error, fetching }] = useQuery({ query: ViewerDoc, requestPolicy: 'network-only' });
  const [, logout] = useMutation(LogoutDoc);
  const router = useRouter();
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);
  const unauthenticated = errorCode(error) === 'UNAUTHENTICATED';

  useEffect(() => {
    if (unauthenticated) router.replace(`/login?next=${encodeURIComponent(pathname)}`);
  }, [unauthenticated, router, pathname]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: navigating closes the phone menu
  useEffect(() => setMenuOpen(false), [pathname]);

  if (!data) {
    return (
      <main className="centered">
        {fetching || unauthenticated ? <Loading what="Opening the console" /> : <ErrorNote error={error} />}
      </main>
    );
  }
  const signOut = async () => {
    await logout({});
    // A full load drops every cached answer and the WebSocket of the old session.
    window.location.assign('/login');
  };
  return (
    <SessionContext.Provider value={data}>
      <div className="shell">
        <header className="topbar">
          <button
            type="button"
            className="icon menu-button"
            aria-label="Menu"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen(!menuOpen)}
          >
            ☰
          </button>
          <Link href="/" className="brand">
            HSS <span className="muted">Host Security</span>
          </Link>
          <div className="user">
            <span title={data.viewer.email}>
              {data.viewer.displayName} <span className="role">{label(data.viewer.role)}</span>
            </span>
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </div>
        </header>
        <nav className={menuOpen ? 'sidebar open' : 'sidebar'} aria-label="Main">
          {NAV.map((item) => {
            const active = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href);
            return (
              <Link
                key={item.href}
                href={item.href}
                className={active ? 'active' : ''}
                aria-current={active ? 'page' : undefined}
              >
                {item.label}
              </Link>
            );
          })}
        </nav>
        <main className="content">{children}</main>
      </div>
    </SessionContext.Provider>
  );
}

/** The account's regions as a select; `allowAll` adds "All regions" (the empty value). */
export function RegionSelect({
  value,
  onChange,
  allowAll = false,
}: {
  value: string;
  onChange: (id: string) => void;
  allowAll?: boolean;
}) {
  const { regions } = useSession();
  return (
    <label className="field inline">
      <span>Region</span>
      <select name="region" value={value} onChange={(e) => onChange(e.target.value)}>
        {allowAll && <option value="">All regions</option>}
        {regions.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
    </label>
  );
}
