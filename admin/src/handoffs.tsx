/**
 * The live-agent queue: shoppers waiting for a person, in order, and those being helped. Claim one
 * to take the conversation (the bot stops answering), write to the shopper, and hand it back to
 * the bot when done. The queue and the open conversation refresh every few seconds.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Handoff, type Session, type TranscriptActivity } from './api';
import { Alert, messageOf } from './alert';

function useEvery(ms: number, work: () => void, deps: unknown[]) {
  useEffect(() => {
    work();
    const timer = setInterval(work, ms);
    return () => clearInterval(timer);
  }, deps);
}

const since = (iso: string) => {
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60_000));
  return minutes < 1 ? 'just now' : `${minutes} min ago`;
};

function Conversation({ handoff, me, onDone }: { handoff: Handoff; me: string; onDone: () => void }) {
  const [activities, setActivities] = useState<TranscriptActivity[]>([]);
  const [error, setError] = useState('');
  const [text, setText] = useState('');
  const end = useRef<HTMLLIElement>(null);
  const id = encodeURIComponent(handoff.conversationId);
  useEvery(2000, () => void api<{ items: TranscriptActivity[] }>(`/api/transcripts/${id}`).then((page) => setActivities(page.items), (failure: Error) => setError(failure.message)), [id]);
  useEffect(() => end.current?.scrollIntoView({ block: 'nearest' }), [activities.length]);
  const mine = handoff.claimedBy === me;
  const send = async (event: Event) => {
    event.preventDefault();
    setError('');
    try {
      await api(`/api/admin/handoffs/${id}/messages`, { method: 'POST', body: { text } });
      setText('');
      setActivities((await api<{ items: TranscriptActivity[] }>(`/api/transcripts/${id}`)).items);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const release = async () => {
    try {
      await api(`/api/admin/handoffs/${id}/release`, { method: 'POST', body: {} });
      onDone();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <section class="panel live">
      <h2>
        Conversation {handoff.conversationId} <span class="muted">· {handoff.channelId}</span>
      </h2>
      <ol class="live-transcript">
        {activities
          .filter((a) => a.type === 'message')
          .map((activity) => {
            const agent = (activity.channelData as { agent?: { name: string } } | undefined)?.agent;
            const who = agent ? agent.name : activity.channelData?.aisle ? 'Aisle' : 'Shopper';
            return (
              <li class={agent ? 'agent' : activity.channelData?.aisle ? 'bot' : 'shopper'}>
                <span class="speaker">{who}</span> {activity.text ?? '(card)'}
              </li>
            );
          })}
        <li ref={end} class="end" />
      </ol>
      {mine ? (
        <>
          <form class="reply" onSubmit={send}>
            <label>
              Message to the shopper
              <input name="text" value={text} onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} required maxLength={2000} autocomplete="off" />
            </label>
            <button type="submit">Send</button>
          </form>
          <button type="button" onClick={release}>
            Hand back to Aisle
          </button>
        </>
      ) : (
        <p class="hint">{handoff.claimedBy ? `${handoff.claimedBy} has this conversation.` : 'Claim it to write to the shopper.'}</p>
      )}
      <Alert message={error} />
    </section>
  );
}

export function HandoffsPage({ session }: { session: Session }) {
  const [items, setItems] = useState<Handoff[] | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const [error, setError] = useState('');
  const load = () => api<{ items: Handoff[] }>('/api/admin/handoffs').then((found) => setItems(found.items), (failure: Error) => setError(failure.message));
  useEvery(3000, () => void load(), []);
  const claim = async (conversationId: string) => {
    setError('');
    try {
      await api(`/api/admin/handoffs/${encodeURIComponent(conversationId)}/claim`, { method: 'POST', body: {} });
      setOpen(conversationId);
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const current = items?.find((item) => item.conversationId === open);
  return (
    <section>
      <h1>Handoffs</h1>
      <Alert message={error} />
      {items && items.length === 0 && <p class="count">No shopper is waiting for a person.</p>}
      {items && items.length > 0 && (
        <table class="handoffs">
          <thead>
            <tr>
              <th>Place</th>
              <th>Asked</th>
              <th>Conversation</th>
              <th>With</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr data-conversation={item.conversationId} class={item.conversationId === open ? 'selected' : ''}>
                <td>{item.position ?? '—'}</td>
                <td>{since(item.requestedAt)}</td>
                <td>
                  <a href={`#/conversations/${encodeURIComponent(item.conversationId)}`}>{item.conversationId}</a> <span class="muted">· {item.channelId}</span>
                </td>
                <td>{item.claimedBy ?? 'waiting'}</td>
                <td>
                  {item.claimedBy ? (
                    <button type="button" onClick={() => setOpen(item.conversationId)}>
                      Open
                    </button>
                  ) : (
                    <button type="button" onClick={() => claim(item.conversationId)}>
                      Claim
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current && <Conversation key={current.conversationId} handoff={current} me={session.user} onDone={() => { setOpen(undefined); void load(); }} />}
    </section>
  );
}
