/**
 * The support inbox: conversations newest first, filtered by words, dates, reply kind, low
 * confidence, handoff, cart adds and review. Keys: j / k move, Enter opens, / searches.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, REPLY_KINDS, type ConversationSummary } from './api';
import { Alert } from './alert';

type Tri = '' | 'true' | 'false';

interface Filters {
  text: string;
  from: string;
  to: string;
  kind: string;
  lowConfidence: Tri;
  handedOff: Tri;
  hasCartAdd: Tri;
  reviewed: Tri;
}

const EMPTY: Filters = { text: '', from: '', to: '', kind: '', lowConfidence: '', handedOff: '', hasCartAdd: '', reviewed: '' };
const PAGE = 50;

function query(filters: Filters, offset: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  params.set('limit', String(PAGE));
  params.set('offset', String(offset));
  return params.toString();
}

function TriSelect({ label, value, onChange }: { label: string; value: Tri; onChange: (value: Tri) => void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as Tri)}>
        <option value="">any</option>
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    </label>
  );
}

const when = (iso: string) => new Date(iso).toLocaleString();

export function ConversationsPage() {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ items: ConversationSummary[]; total: number } | undefined>();
  const [error, setError] = useState('');
  const [selected, setSelected] = useState(0);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let current = true;
    api<{ items: ConversationSummary[]; total: number }>(`/api/admin/conversations?${query(filters, offset)}`).then(
      (found) => {
        if (!current) return;
        setPage(found);
        setSelected(0);
        setError('');
      },
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [filters, offset]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
      const items = page?.items ?? [];
      if (event.key === 'j') setSelected((i) => Math.min(i + 1, items.length - 1));
      else if (event.key === 'k') setSelected((i) => Math.max(i - 1, 0));
      else if (event.key === 'Enter' && items[selected]) location.hash = `#/conversations/${encodeURIComponent(items[selected]!.conversationId)}`;
      else if (event.key === '/') {
        event.preventDefault();
        search.current?.focus();
      } else return;
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [page, selected]);

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    setOffset(0);
    setFilters((old) => ({ ...old, [key]: value }));
  };

  return (
    <section>
      <h1>Conversations</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Words
          <input ref={search} type="search" name="text" value={filters.text} onChange={(e) => set('text', (e.currentTarget as HTMLInputElement).value)} placeholder="/ to search" />
        </label>
        <label>
          From
          <input type="date" name="from" value={filters.from} onChange={(e) => set('from', (e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          To
          <input type="date" name="to" value={filters.to} onChange={(e) => set('to', (e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          Reply kind
          <select name="kind" value={filters.kind} onChange={(e) => set('kind', (e.currentTarget as HTMLSelectElement).value)}>
            <option value="">any</option>
            {REPLY_KINDS.map((kind) => (
              <option value={kind}>{kind}</option>
            ))}
          </select>
        </label>
        <TriSelect label="Low confidence" value={filters.lowConfidence} onChange={(v) => set('lowConfidence', v)} />
        <TriSelect label="Handed off" value={filters.handedOff} onChange={(v) => set('handedOff', v)} />
        <TriSelect label="Cart add" value={filters.hasCartAdd} onChange={(v) => set('hasCartAdd', v)} />
        <TriSelect label="Reviewed" value={filters.reviewed} onChange={(v) => set('reviewed', v)} />
      </form>
      <p class="hint">Low confidence: an FAQ answer, clarification or fallback scored under 0.6. Keys: j / k move, Enter opens, / searches.</p>
      <Alert message={error} />
      {page && (
        <>
          <p class="count">
            {page.total === 0 ? 'No conversation matches.' : `${offset + 1}–${offset + page.items.length} of ${page.total}`}
          </p>
          <table class="conversations">
            <thead>
              <tr>
                <th>Last activity</th>
                <th>First message</th>
                <th>Replies</th>
                <th>Lowest FAQ confidence</th>
                <th>Handed off</th>
                <th>Cart adds</th>
                <th>Reviews</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((item, i) => (
                <tr class={i === selected ? 'selected' : ''} data-conversation={item.conversationId} onClick={() => (location.hash = `#/conversations/${encodeURIComponent(item.conversationId)}`)}>
                  <td>{when(item.last)}</td>
                  <td>
                    <a href={`#/conversations/${encodeURIComponent(item.conversationId)}`}>{item.firstMessage ?? '(no message)'}</a>
                    <span class="muted"> · {item.shopperMessages} message{item.shopperMessages === 1 ? '' : 's'}</span>
                  </td>
                  <td>
                    {item.kinds.map((kind) => (
                      <span class={`kind kind-${kind}`}>{kind}</span>
                    ))}
                  </td>
                  <td>{item.lowestFaqConfidence === undefined ? '—' : item.lowestFaqConfidence.toFixed(2)}</td>
                  <td>{item.handedOff ? 'yes' : 'no'}</td>
                  <td>{item.cartAdds}</td>
                  <td>{item.reviews}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="pager">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Newer
            </button>
            <button type="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
              Older
            </button>
          </div>
        </>
      )}
    </section>
  );
}
