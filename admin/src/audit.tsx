/** The audit log, newest first: who changed what, when, with each changed field before and after. */
import { useEffect, useState } from 'preact/hooks';
import { api, type AuditEntry } from './api';
import { Alert } from './alert';

const show = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

export function AuditPage() {
  const [entries, setEntries] = useState<AuditEntry[] | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ items: AuditEntry[] }>('/api/admin/audit?limit=200').then((found) => setEntries(found.items), (failure: Error) => setError(failure.message));
  }, []);
  if (error) return <Alert message={error} />;
  if (!entries) return <p class="loading">Loading…</p>;
  return (
    <section>
      <h1>Audit log</h1>
      {entries.length === 0 ? (
        <p>Nothing has been changed yet.</p>
      ) : (
        <table class="audit">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>On</th>
              <th>Change</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr>
                <td>{new Date(entry.at).toLocaleString()}</td>
                <td>{entry.actor}</td>
                <td>{entry.action}</td>
                <td>{entry.target}</td>
                <td>
                  {Object.entries(entry.diff ?? {}).map(([field, [before, after]]) => (
                    <div>
                      {field}: {show(before)} → {show(after)}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
