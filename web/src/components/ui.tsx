'use client';

import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type { CombinedError } from 'urql';
import { errorMessage } from '@/lib/errors';
import { label } from '@/lib/format';

/** A status as a coloured pill; `data-status` lets tests and styles find the value. */
export function Badge({ value, testId }: { value: string | null | undefined; testId?: string }) {
  return (
    <span className={`badge badge-${(value ?? 'none').toLowerCase()}`} data-status={value ?? ''} data-testid={testId}>
      {label(value)}
    </span>
  );
}

/** An API error in the API's own words, next to the action that caused it. */
export function ErrorNote({ error, message }: { error?: CombinedError | null; message?: string | null }) {
  const text = message ?? errorMessage(error);
  if (!text) return null;
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="muted" aria-busy="true">
      {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export interface DialogAction {
  label: string;
  onConfirm: () => void;
  busy?: boolean;
  disabled?: boolean;
  /** Styles the button as destructive (disable, unbind, remove, revoke). */
  danger?: boolean;
  /** The cancel button's label; "Cancel" unless said otherwise. */
  cancel?: string;
}

/**
 * A modal dialog on the native <dialog>: focus moves into it and is kept there, Escape closes
 * it, and focus returns to the opener — keyboard users get all of that from the browser.
 * `action` adds the footer every dialog here has: cancel, then the one thing it does.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  action,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  action?: DialogAction;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={onClose} className="dialog">
      {open && (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </header>
          <div className="dialog-body">{children}</div>
          {action && (
            <footer className="dialog-footer">
              <button type="button" onClick={onClose}>
                {action.cancel ?? 'Cancel'}
              </button>
              <button
                type="button"
                className={action.danger ? 'danger' : 'primary'}
                disabled={action.busy || action.disabled}
                onClick={action.onConfirm}
              >
                {action.label}
              </button>
            </footer>
          )}
        </>
      )}
    </dialog>
  );
}

export function Tabs<T extends string>({
  tabs,
  current,
  onChange,
}: {
  tabs: { id: T; label: string }[];
  current: T;
  onChange: (id: T) => void;
}) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={tab.id === current}
          className={tab.id === current ? 'tab active' : 'tab'}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

interface Connection<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: { node: N }[];
}

/**
 * The page a list is on: a stack of the cursors visited (keyset pagination only goes
 * forward). Any change of `resetKey` (the filters) starts again at the first page.
 */
export function usePages(resetKey = '') {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [key, setKey] = useState(resetKey);
  if (key !== resetKey) {
    setKey(resetKey);
    setCursors([null]);
  }
  return { after: cursors[cursors.length - 1] ?? null, cursors, setCursors };
}

/**
 * One paginated list with its states: loading, the API's error, empty (`empty` says why and
 * what to do), the rows `children` renders, and the pager.
 */
export function PagedList<N>({
  connection,
  fetching,
  error,
  what,
  empty,
  pages,
  children,
}: {
  connection: Connection<N> | undefined;
  fetching: boolean;
  error?: CombinedError | null;
  what: string;
  empty: ReactNode;
  pages: ReturnType<typeof usePages>;
  children: (nodes: N[]) => ReactNode;
}) {
  const nodes = connection?.edges.map((e) => e.node) ?? [];
  return (
    <>
      <ErrorNote error={error} />
      {!connection && fetching ? (
        <Loading what={`Loading ${what}`} />
      ) : nodes.length === 0 ? (
        connection && <Empty>{empty}</Empty>
      ) : (
        <div className="table-wrap">{children(nodes)}</div>
      )}
      <Pager
        cursors={pages.cursors}
        hasNext={Boolean(connection?.pageInfo.hasNextPage)}
        endCursor={connection?.pageInfo.endCursor}
        total={connection?.totalCount}
        onChange={pages.setCursors}
      />
    </>
  );
}

/** Forward-only keyset pagination with a stack of the cursors already visited. */
export function Pager({
  cursors,
  hasNext,
  endCursor,
  total,
  onChange,
}: {
  cursors: (string | null)[];
  hasNext: boolean;
  endCursor: string | null | undefined;
  total: number | undefined;
  onChange: (cursors: (string | null)[]) => void;
}) {
  return (
    <nav className="pager" aria-label="Pagination">
      <span className="muted">{total === undefined ? '' : `${total} in all · page ${cursors.length}`}</span>
      <button type="button" disabled={cursors.length <= 1} onClick={() => onChange(cursors.slice(0, -1))}>
        ← Previous
      </button>
      <button type="button" disabled={!hasNext || !endCursor} onClick={() => onChange([...cursors, endCursor ?? null])}>
        Next →
      </button>
    </nav>
  );
}

export function Select<T extends string>({
  label: text,
  value,
  options,
  onChange,
  allLabel = 'All',
}: {
  label: string;
  value: T | '';
  options: readonly T[];
  onChange: (value: T | '') => void;
  allLabel?: string;
}) {
  return (
    <label className="field inline">
      <span>{text}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as T | '')}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
