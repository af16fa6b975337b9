/**
 * One conversation as the bot saw it: each shopper message, and under each reply what the bot
 * decided (kind, confidence, the FAQ entry or products, the context a follow-up applied). An FAQ
 * answer, clarification or fallback can be confirmed or corrected to the right entry, and a product
 * list to the right product (picked from a search for the shopper's words); these reviews are what
 * `npm run finetune -- --from-data` learns from.
 * Keys: j / k move between replies, y confirms, n marks wrong (then pick the entry, Enter saves).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Decision, type TranscriptActivity } from './api';
import { Alert, messageOf } from './alert';

const FAQ_KINDS = new Set(['faq', 'clarify', 'fallback']);

interface FaqChoice {
  id: string;
  question: string;
}

interface Reviewable {
  index: number;
  query: string;
  decision: Decision;
  /** An FAQ-kind reply is judged by its entry; a product list by its first product. */
  about: 'faq' | 'products';
  activityId?: string;
}

type Verdict = { verdict: 'confirmed' | 'corrected'; faqId?: string; productId?: string };

/** What a reply is confirmed as: its FAQ entry, or the first product it showed. */
const shownAnswer = (item: Reviewable): Verdict | undefined =>
  item.about === 'faq' ? (item.decision.faqId ? { verdict: 'confirmed', faqId: item.decision.faqId } : undefined) : item.decision.products?.[0] ? { verdict: 'confirmed', productId: item.decision.products[0].id } : undefined;

async function allActivities(conversationId: string): Promise<TranscriptActivity[]> {
  const items: TranscriptActivity[] = [];
  let token = '';
  do {
    const page = await api<{ items: TranscriptActivity[]; continuationToken: string }>(`/api/transcripts/${encodeURIComponent(conversationId)}${token ? `?continuationToken=${token}` : ''}`);
    items.push(...page.items);
    token = page.continuationToken;
  } while (token);
  return items;
}

function DecisionView({ decision }: { decision: Decision }) {
  return (
    <dl class="decision">
      <dt>Kind</dt>
      <dd>
        <span class={`kind kind-${decision.kind}`}>{decision.kind}</span>
      </dd>
      <dt>Confidence</dt>
      <dd>{decision.confidence.toFixed(2)}</dd>
      {decision.faqId && (
        <>
          <dt>FAQ entry</dt>
          <dd>
            {decision.faqId}
            {decision.secondFaqId ? ` + ${decision.secondFaqId}` : ''}
          </dd>
        </>
      )}
      {decision.faqCandidates && decision.faqCandidates.length > 0 && (
        <>
          <dt>FAQ candidates</dt>
          <dd>{decision.faqCandidates.map((candidate) => `${candidate.faqId} ${candidate.score.toFixed(2)}`).join(' · ')}</dd>
        </>
      )}
      {decision.context && (
        <>
          <dt>Context applied</dt>
          <dd>
            refines “{decision.context.refines}”: {decision.context.applied.join(', ')}
          </dd>
        </>
      )}
      {decision.about && (
        <>
          <dt>About</dt>
          <dd>
            {decision.about.productId}, asked {decision.about.asked} ({decision.about.known ? 'answered from its data' : 'not in its data'})
          </dd>
        </>
      )}
      {decision.question && (
        <>
          <dt>Asked</dt>
          <dd>
            {decision.question.text} ({decision.question.values.join(' / ')})
          </dd>
        </>
      )}
      {decision.products && decision.products.length > 0 && (
        <>
          <dt>Products</dt>
          <dd>
            <ol class="products">
              {decision.products.map((product) => (
                <li>
                  {product.id} · {product.title}
                  {product.price !== undefined ? ` · $${product.price}` : ''}
                  {product.reason ? <span class="muted"> — {product.reason}</span> : null}
                </li>
              ))}
            </ol>
          </dd>
        </>
      )}
    </dl>
  );
}

export function TranscriptPage({ conversationId }: { conversationId: string }) {
  const [activities, setActivities] = useState<TranscriptActivity[] | undefined>();
  const [faq, setFaq] = useState<FaqChoice[]>([]);
  const [error, setError] = useState('');
  const [focus, setFocus] = useState(0);
  const [verdicts, setVerdicts] = useState<Record<number, Verdict>>({});
  const [correcting, setCorrecting] = useState<number | undefined>();
  /** The products a reviewer picks the right one from: a search for the shopper's words. */
  const [productChoices, setProductChoices] = useState<{ id: string; title: string }[]>([]);
  const picker = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    Promise.all([allActivities(conversationId), api<{ items: FaqChoice[] }>('/api/faq')]).then(
      ([found, entries]) => {
        setActivities(found);
        setFaq(entries.items);
      },
      (failure: Error) => setError(failure.message),
    );
  }, [conversationId]);

  const reviewable: Reviewable[] = [];
  let lastShopperText = '';
  (activities ?? []).forEach((activity, index) => {
    const decision = activity.channelData?.aisle;
    if (activity.type === 'message' && !decision && activity.text) lastShopperText = activity.text;
    const about = decision && FAQ_KINDS.has(decision.kind) ? 'faq' : decision?.kind === 'products' && decision.products?.length ? 'products' : undefined;
    if (activity.type === 'message' && decision && about && lastShopperText) {
      reviewable.push({ index, query: lastShopperText, decision, about, ...(activity.id ? { activityId: activity.id } : {}) });
    }
  });

  const save = async (item: Reviewable, verdict: Verdict) => {
    try {
      await api(`/api/transcripts/${encodeURIComponent(conversationId)}/reviews`, { method: 'POST', body: { query: item.query, ...verdict, ...(item.activityId ? { activityId: item.activityId } : {}) } });
      setVerdicts((old) => ({ ...old, [item.index]: verdict }));
      setCorrecting(undefined);
      setError('');
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  const startCorrecting = (item: Reviewable) => {
    setCorrecting(item.index);
    if (item.about === 'products') {
      setProductChoices([]);
      void api<{ items: { id: string; title: string }[] }>(`/api/products?${new URLSearchParams({ q: item.query, limit: '10' })}`).then((found) => setProductChoices(found.items), (failure: Error) => setError(failure.message));
    }
    setTimeout(() => picker.current?.focus(), 0);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
      const item = reviewable[focus];
      if (event.key === 'j') setFocus((i) => Math.min(i + 1, reviewable.length - 1));
      else if (event.key === 'k') setFocus((i) => Math.max(i - 1, 0));
      else if (event.key === 'y' && item && shownAnswer(item)) void save(item, shownAnswer(item)!);
      else if (event.key === 'n' && item) {
        event.preventDefault();
        startCorrecting(item);
      } else return;
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  });

  if (error && !activities) return <Alert message={error} />;
  if (!activities) return <p class="loading">Loading…</p>;
  const focusedIndex = reviewable[focus]?.index;
  return (
    <section>
      <p>
        <a href="#/conversations">← Conversations</a>
      </p>
      <h1>Conversation {conversationId}</h1>
      <p class="hint">Keys: j / k move between answers to review, y confirms, n marks wrong, then pick the right entry and press Enter.</p>
      <Alert message={error} />
      <ol class="transcript">
        {activities.map((activity, index) => {
          const decision = activity.channelData?.aisle;
          const item = reviewable.find((r) => r.index === index);
          const verdict = verdicts[index];
          if (activity.type !== 'message') {
            return (
              <li class="event">
                {decision ? 'bot' : 'shopper'} event <code>{activity.name}</code>
              </li>
            );
          }
          return (
            <li class={`${decision ? 'bot' : 'shopper'}${index === focusedIndex ? ' focused' : ''}`} data-index={index}>
              <div class="speaker">{activity.channelData?.agent ? `${activity.channelData.agent.name} (a person)` : decision ? 'Aisle' : 'Shopper'}</div>
              <div class="text">{activity.text ?? '(card)'}</div>
              {decision && !activity.channelData?.agent && <DecisionView decision={decision} />}
              {item && (
                <div class="review">
                  {verdict ? (
                    <span class="saved">
                      Reviewed: {verdict.verdict === 'confirmed' ? `right (${verdict.faqId ?? verdict.productId})` : `wrong, should be ${verdict.faqId ?? verdict.productId}`}
                    </span>
                  ) : (
                    <>
                      {shownAnswer(item) && (
                        <button type="button" onClick={() => save(item, shownAnswer(item)!)}>
                          Right (y)
                        </button>
                      )}
                      <button type="button" onClick={() => startCorrecting(item)}>
                        Wrong (n)
                      </button>
                    </>
                  )}
                  {correcting === index && !verdict && (
                    <form
                      class="correct"
                      onSubmit={(event) => {
                        event.preventDefault();
                        const chosen = picker.current?.value;
                        if (chosen) void save(item, item.about === 'faq' ? { verdict: 'corrected', faqId: chosen } : { verdict: 'corrected', productId: chosen });
                      }}
                    >
                      <label>
                        {item.about === 'faq' ? 'The right entry' : 'The right product'} for “{item.query}”
                        <select
                          ref={picker}
                          name="faqId"
                          required
                          // A select does not submit its form on Enter by itself; here Enter saves the choice.
                          onKeyDown={(event) => {
                            if (event.key === 'Enter') {
                              event.preventDefault();
                              (event.currentTarget as HTMLSelectElement).form?.requestSubmit();
                            }
                          }}
                        >
                          <option value="">choose…</option>
                          {item.about === 'faq'
                            ? faq.map((entry) => (
                                <option value={entry.id}>
                                  {entry.id}: {entry.question}
                                </option>
                              ))
                            : productChoices.map((product) => (
                                <option value={product.id}>
                                  {product.id}: {product.title}
                                </option>
                              ))}
                        </select>
                      </label>
                      <button type="submit">Save</button>
                    </form>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
