/**
 * Catalog management, live: upload a products or FAQ file (JSON array, NDJSON or CSV) and read
 * what was applied and what was rejected, by line; find a product and delete it. Changes are
 * searchable in chat when the report appears, with no restart.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type IndexSnapshot, type IndexStatus, type ProductRow, type UploadReport } from './api';
import { Alert, messageOf } from './alert';

/** The content type the API reads a file as, from its name. */
function contentType(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'text/csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'application/x-ndjson';
  if (lower.endsWith('.json')) return 'application/json';
  return undefined;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function ReportView({ report }: { report: UploadReport }) {
  return (
    <div class="report" role="status">
      <p>
        Read {plural(report.total, 'row')} ({report.format}): {report.added} added, {report.updated} updated, {report.unchanged} unchanged, {report.rejectedTotal} rejected.
        {report.added + report.updated > 0 ? ` Live in search after ${(report.liveAfterMs / 1000).toFixed(1)} s.` : ''}
      </p>
      {report.rejected.length > 0 && (
        <table class="rejected">
          <thead>
            <tr>
              <th>Line</th>
              <th>Id</th>
              <th>Why it was rejected</th>
            </tr>
          </thead>
          <tbody>
            {report.rejected.map((row) => (
              <tr>
                <td>{row.line}</td>
                <td>{row.id ?? '—'}</td>
                <td>{row.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.rejectedTotal > report.rejected.length && <p class="muted">The first {report.rejected.length} of {report.rejectedTotal} rejected rows are listed.</p>}
    </div>
  );
}

function Upload() {
  const [kind, setKind] = useState<'products' | 'faq'>('products');
  const [report, setReport] = useState<UploadReport | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('file') as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const type = contentType(file.name);
    setReport(undefined);
    if (!type) {
      setError(`${file.name}: name it .csv, .json, .ndjson or .jsonl, so its format is known`);
      return;
    }
    setBusy(true);
    setError('');
    try {
      setReport(await api<UploadReport>(`/api/admin/catalog?kind=${kind}`, { method: 'POST', file: { data: file, type } }));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="panel">
      <h2>Upload a file</h2>
      <form class="upload" onSubmit={submit}>
        <label>
          Rows are
          <select name="kind" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as 'products' | 'faq')}>
            <option value="products">products</option>
            <option value="faq">FAQ entries</option>
          </select>
        </label>
        <label>
          File (CSV, JSON array, NDJSON)
          <input type="file" name="file" accept=".csv,.json,.ndjson,.jsonl" required />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </button>
      </form>
      <p class="hint">Rows are matched by id: a new id is added, a known one replaced, an identical one left as it is. Bad rows are listed; the good ones are applied.</p>
      <Alert message={error} />
      {report && <ReportView report={report} />}
    </section>
  );
}

function Products() {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<ProductRow[] | undefined>();
  const [confirming, setConfirming] = useState<string | undefined>();
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const search = async (event: Event) => {
    event.preventDefault();
    setError('');
    try {
      const found = await api<{ items: ProductRow[] }>(`/api/products?${new URLSearchParams({ q: query, limit: '20' })}`);
      setItems(found.items);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const remove = async (id: string) => {
    setError('');
    try {
      await api(`/api/admin/catalog/${encodeURIComponent(id)}?kind=products`, { method: 'DELETE' });
      setItems((old) => old?.filter((item) => item.id !== id));
      setMessage(`Deleted ${id}: it is no longer shown in chat.`);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setConfirming(undefined);
    }
  };
  return (
    <section class="panel">
      <h2>Products</h2>
      <form class="filters" onSubmit={search}>
        <label>
          Find products
          <input type="search" name="q" value={query} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} placeholder="words, as a shopper would" />
        </label>
        <button type="submit">Search</button>
      </form>
      {message && <p class="saved">{message}</p>}
      <Alert message={error} />
      {items && (
        <table class="products-table">
          <thead>
            <tr>
              <th>Id</th>
              <th>Title</th>
              <th>Category</th>
              <th>Price</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr data-product={item.id}>
                <td>{item.id}</td>
                <td>{item.title}</td>
                <td>{item.category ?? '—'}</td>
                <td>{item.price === undefined ? '—' : `$${item.price.toFixed(2)}`}</td>
                <td>
                  {confirming === item.id ? (
                    <>
                      <button type="button" class="danger" onClick={() => remove(item.id)}>
                        Delete {item.id}
                      </button>
                      <button type="button" onClick={() => setConfirming(undefined)}>
                        Keep
                      </button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setConfirming(item.id)}>
                      Delete…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const RUNNING = new Set(['loading', 'indexing', 'draining']);

function describe(status: IndexStatus): string {
  const what = status.operation === 'rollback' ? `Rolling back to ${status.snapshot}` : status.operation === 'reindex' ? 'Rebuilding every index' : `Switching to ${status.target}`;
  if (status.state === 'loading') return `${what}: loading the model…`;
  if (status.state === 'indexing' && status.progress) return `${what}: ${status.progress.index} ${status.progress.done} of ${status.progress.total}`;
  if (status.state === 'draining') return `${what}: swapped in; the last turns on the old indexes are finishing`;
  if (status.state === 'done') return `${status.operation === 'rollback' ? 'Rolled back' : status.operation === 'reindex' ? 'Rebuilt every index' : 'Switched model'} in ${status.seconds} s; serving ${status.serving}.`;
  if (status.state === 'failed') return `Failed, still serving ${status.serving}: ${status.error}`;
  return `Serving ${status.serving}.`;
}

/** Full rebuilds in the background (shoppers keep being answered), and the snapshots kept at each swap, to roll back to. */
function Indexes() {
  const [view, setView] = useState<{ status: IndexStatus; snapshots: IndexSnapshot[] } | undefined>();
  const [error, setError] = useState('');
  const refresh = () => api<{ status: IndexStatus; snapshots: IndexSnapshot[] }>('/api/admin/indexes').then(setView, (failure: Error) => setError(failure.message));
  useEffect(() => {
    void refresh();
  }, []);
  const running = view ? RUNNING.has(view.status.state) : false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refresh(), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const act = async (path: string, body: unknown) => {
    setError('');
    try {
      await api(path, { method: 'POST', body });
      await refresh();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <section class="panel">
      <h2>Indexes</h2>
      {view && (
        <p class="index-status" role="status">
          {describe(view.status)}
        </p>
      )}
      {view?.status.state === 'indexing' && view.status.progress && <progress max={view.status.progress.total} value={view.status.progress.done} />}
      <button type="button" disabled={running} onClick={() => act('/api/admin/reindex', {})}>
        Rebuild every index
      </button>
      <p class="hint">A rebuild runs in the background: shoppers keep being answered, and the new indexes replace the old ones whole when they are ready. The old ones are kept as a snapshot.</p>
      <Alert message={error} />
      {view && view.snapshots.length > 0 && (
        <table class="snapshots">
          <thead>
            <tr>
              <th>Snapshot</th>
              <th>Model</th>
              <th>Replaced by</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {view.snapshots.map((snapshot) => (
              <tr data-snapshot={snapshot.id}>
                <td>{new Date(snapshot.createdAt).toLocaleString()}</td>
                <td>{snapshot.modelId}</td>
                <td>{snapshot.reason}</td>
                <td>
                  <button type="button" disabled={running} onClick={() => act('/api/admin/indexes/rollback', { snapshot: snapshot.id })}>
                    Roll back to this
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function CatalogPage() {
  return (
    <section>
      <h1>Catalog</h1>
      <Upload />
      <Products />
      <Indexes />
    </section>
  );
}
