/**
 * The questions the bot could not answer, grouped by meaning, biggest group first. From a group,
 * add its messages as phrasings of an existing FAQ entry, or write a new entry for them: either is
 * live at once, and the group leaves the list once the FAQ answers it.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type UnansweredCluster } from './api';
import { Alert, messageOf } from './alert';

interface Found {
  declined: number;
  stillUnanswered: number;
  clusters: UnansweredCluster[];
}

/** An id from a question: "Do you offer engraving?" -> "offer-engraving". */
function suggestedId(text: string): string {
  const stop = new Set(['do', 'you', 'i', 'can', 'the', 'a', 'an', 'is', 'my', 'it', 'to', 'of', 'on', 'for', 'what', 'how', 'are', 'your']);
  return text.toLowerCase().replace(/[^a-z0-9 ]/g, ' ').split(/\s+/).filter((w) => w && !stop.has(w)).slice(0, 4).join('-') || 'new-entry';
}

function Cluster({ cluster, onChanged }: { cluster: UnansweredCluster; onChanged: (message: string) => void }) {
  const [chosen, setChosen] = useState<Set<string>>(new Set(cluster.messages.map((m) => m.text)));
  const [writing, setWriting] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const toggle = (text: string) =>
    setChosen((old) => {
      const next = new Set(old);
      if (next.has(text)) next.delete(text);
      else next.add(text);
      return next;
    });
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError('');
    try {
      onChanged(await work());
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const addTo = (faqId: string) =>
    run(async () => {
      const done = await api<{ added: string[] }>(`/api/admin/faq/${encodeURIComponent(faqId)}/phrasings`, { method: 'POST', body: { questions: [...chosen] } });
      return `Added ${done.added.length} phrasing${done.added.length === 1 ? '' : 's'} to ${faqId}.`;
    });
  const create = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const id = String(form.get('id') ?? '').trim();
    return run(async () => {
      await api('/api/admin/faq', { method: 'POST', body: { id, questions: [...chosen], answer: String(form.get('answer') ?? '').trim() } });
      return `Created the FAQ entry ${id}.`;
    });
  };
  return (
    <li class="cluster panel" data-cluster={cluster.id}>
      <h2>
        {cluster.label} <span class="muted">· asked {cluster.size} time{cluster.size === 1 ? '' : 's'}</span>
      </h2>
      <ul class="messages">
        {cluster.messages.map((message) => (
          <li>
            <label>
              <input type="checkbox" checked={chosen.has(message.text)} onChange={() => toggle(message.text)} /> {message.text}
              <span class="muted">
                {' '}
                · {message.count}× · got {message.kind} at {message.confidence.toFixed(2)} · <a href={`#/conversations/${encodeURIComponent(message.conversationId)}`}>conversation</a>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <div class="actions">
        {cluster.nearest.map((entry) => (
          <button type="button" disabled={busy || chosen.size === 0} onClick={() => addTo(entry.faqId)} title={entry.question}>
            Add to {entry.faqId}
          </button>
        ))}
        <button type="button" disabled={busy || chosen.size === 0} onClick={() => setWriting(!writing)}>
          New FAQ entry…
        </button>
      </div>
      {writing && (
        <form class="new-entry" onSubmit={create}>
          <label>
            Id
            <input name="id" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]*" defaultValue={suggestedId(cluster.label)} />
          </label>
          <label>
            Answer
            <textarea name="answer" required rows={3} />
          </label>
          <button type="submit" disabled={busy}>
            Create with {chosen.size} question{chosen.size === 1 ? '' : 's'}
          </button>
        </form>
      )}
      <Alert message={error} />
    </li>
  );
}

export function UnansweredPage() {
  const [found, setFound] = useState<Found | undefined>();
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const load = () => api<Found>('/api/admin/unanswered').then(setFound, (failure: Error) => setError(failure.message));
  useEffect(() => {
    void load();
  }, []);
  if (error) return <Alert message={error} />;
  if (!found) return <p class="loading">Grouping the questions…</p>;
  return (
    <section>
      <h1>Questions we could not answer</h1>
      <p class="hint">
        {found.declined === 1 ? '1 question' : `${found.declined} questions`} the bot declined or answered unsure; the FAQ still does not answer {found.stillUnanswered} of them, in{' '}
        {found.clusters.length === 1 ? '1 group' : `${found.clusters.length} groups`}, biggest first.
      </p>
      {message && <p class="saved">{message}</p>}
      <ol class="clusters">
        {found.clusters.map((cluster) => (
          <Cluster
            key={cluster.id}
            cluster={cluster}
            onChanged={(done) => {
              setMessage(`${done} It is live; the questions it answers have left this list.`);
              void load();
            }}
          />
        ))}
      </ol>
    </section>
  );
}
