/**
 * The admin app: a login, then the pages the user's role may use. Pages are addressed by the URL's
 * hash (#/conversations, #/conversations/ID, #/audit), so the server serves one page for all.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, setCsrf, whenLoggedOut, type Role, type Session } from './api';
import { AuditPage } from './audit';
import { CatalogPage } from './catalog';
import { ConversationsPage } from './conversations';
import { DashboardPage } from './dashboard';
import { HandoffsPage } from './handoffs';
import { LoginPage } from './login';
import { TranscriptPage } from './transcript';
import { UnansweredPage } from './unanswered';
import './admin.css';

interface Page {
  path: string;
  label: string;
  roles: Role[];
}

const PAGES: Page[] = [
  { path: '#/dashboard', label: 'Dashboard', roles: ['support', 'catalog', 'admin'] },
  { path: '#/conversations', label: 'Conversations', roles: ['support', 'admin'] },
  { path: '#/unanswered', label: 'Unanswered', roles: ['support', 'admin'] },
  { path: '#/handoffs', label: 'Handoffs', roles: ['support', 'admin'] },
  { path: '#/catalog', label: 'Catalog', roles: ['catalog', 'admin'] },
  { path: '#/audit', label: 'Audit log', roles: ['admin'] },
];

/** A hash part as text; a malformed escape ("%E0%A4%A") is shown as typed rather than failing the page. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const HOME: Record<Role, string> = { support: '#/conversations', catalog: '#/catalog', admin: '#/dashboard' };

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const hash = useHash();
  useEffect(() => {
    whenLoggedOut(() => setSession(null));
    api<Session>('/api/admin/session').then(
      (found) => {
        setCsrf(found.csrf);
        setSession(found);
      },
      () => setSession(null),
    );
  }, []);
  if (session === undefined) return <p class="loading">Loading…</p>;
  if (session === null) {
    return (
      <LoginPage
        onLogin={(opened) => {
          setCsrf(opened.csrf);
          setSession(opened);
        }}
      />
    );
  }
  const pages = PAGES.filter((page) => page.roles.includes(session.role));
  const logout = async () => {
    await api('/api/admin/logout', { method: 'POST' }).catch(() => undefined);
    setSession(null);
  };
  const transcript = /^#\/conversations\/(.+)$/.exec(hash);
  let content;
  if (transcript && pages.some((p) => p.path === '#/conversations')) content = <TranscriptPage conversationId={decoded(transcript[1]!)} />;
  else if (hash === '#/dashboard') content = <DashboardPage />;
  else if (hash === '#/handoffs' && pages.some((p) => p.path === '#/handoffs')) content = <HandoffsPage session={session} />;
  else if (hash === '#/unanswered' && pages.some((p) => p.path === '#/unanswered')) content = <UnansweredPage />;
  else if (hash === '#/audit' && pages.some((p) => p.path === '#/audit')) content = <AuditPage />;
  else if (hash === '#/catalog' && pages.some((p) => p.path === '#/catalog')) content = <CatalogPage />;
  else if (pages.some((p) => p.path === '#/conversations') && hash.startsWith('#/conversations')) content = <ConversationsPage />;
  else if (pages[0]) {
    // Each role lands on its work: support on the inbox, catalog managers on the catalog, admins on the dashboard.
    location.hash = HOME[session.role];
    content = null;
  } else content = <p>Your role ({session.role}) has no pages here yet.</p>;
  return (
    <div class="shell">
      <header class="top">
        <strong class="brand">Aisle admin</strong>
        <nav>
          {pages.map((page) => (
            <a href={page.path} class={hash.startsWith(page.path) ? 'current' : ''}>
              {page.label}
            </a>
          ))}
        </nav>
        <span class="who">
          {session.user} ({session.role})
          <button type="button" onClick={logout}>
            Log out
          </button>
        </span>
      </header>
      <main>{content}</main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
